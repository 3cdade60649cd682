# Alembic settings for migrations run by `sqlalchemist database ...` or `litestar database ...`.
# The engine, the target metadata and the version table come from your SQLAlchemy config, not from this file;
# script_location below is informational: the config's alembic_config.script_location is the one used.

[alembic]
script_location = ${script_location}
# Revision file names: date first so that folder listings follow history.
file_template = %%(year)d-%%(month).2d-%%(day).2d_%%(slug)s_%%(rev)s
truncate_slug_length = 40
output_encoding = utf-8
path_separator = os
