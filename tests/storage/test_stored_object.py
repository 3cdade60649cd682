"""StoredObject converts FileObjects to JSON metadata and back, and refuses what it cannot store."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from sqlalchemist_storage import DEFAULT_BACKEND, FileObject, FileObjectList, StorageOperationError, StoredObject

from .conftest import STORE_KEY
from .models import StorAnnotated

DIALECT = sqlite.dialect()


def test_single_file_round_trip_keeps_metadata_not_bytes() -> None:
    column = StoredObject(STORE_KEY)
    file = FileObject(STORE_KEY, "a.txt", path="p/a.txt", size=3, metadata={"k": "v"})
    stored = column.process_bind_param(file, DIALECT)
    assert stored["path"] == "p/a.txt"
    assert "content" not in stored
    loaded = column.process_result_value(stored, DIALECT)
    assert loaded == file
    assert column.process_bind_param(None, DIALECT) is None
    assert column.process_result_value(None, DIALECT) is None


def test_multiple_round_trip_gives_a_file_object_list() -> None:
    column = StoredObject(STORE_KEY, multiple=True)
    files = [FileObject(STORE_KEY, "a.txt"), FileObject(STORE_KEY, "b.txt")]
    stored = column.process_bind_param(files, DIALECT)
    assert [item["filename"] for item in stored] == ["a.txt", "b.txt"]
    loaded = column.process_result_value(stored, DIALECT)
    assert isinstance(loaded, FileObjectList)
    assert list(loaded) == files
    assert column.process_result_value(None, DIALECT) == []
    with pytest.raises(TypeError, match="holds a list of files; wrap the FileObject in a list"):
        column.process_bind_param(files[0], DIALECT)


def test_unsaved_content_is_never_written_to_the_row() -> None:
    column = StoredObject(STORE_KEY)
    with pytest.raises(StorageOperationError, match="has content that is not saved yet"):
        column.process_bind_param(FileObject(STORE_KEY, "a.txt", content=b"secret"), DIALECT)


def test_other_values_are_refused() -> None:
    with pytest.raises(TypeError, match=r"StoredObject\(backend='stor_test'\) expects FileObject values, got bytes"):
        StoredObject(STORE_KEY).process_bind_param(b"raw", DIALECT)


def test_jsonb_on_postgresql_and_json_elsewhere() -> None:
    column = StoredObject(STORE_KEY)
    assert isinstance(column.load_dialect_impl(postgresql.dialect()), postgresql.JSONB)
    assert not isinstance(column.load_dialect_impl(DIALECT), postgresql.JSONB)


def test_repr_and_python_type() -> None:
    column = StoredObject(STORE_KEY, multiple=True, max_size=10, content_types=["image/*"])
    assert repr(column) == "StoredObject(backend='stor_test', multiple=True, max_size=10, content_types=('image/*',))"
    assert column.python_type is FileObjectList
    assert StoredObject(STORE_KEY).python_type is FileObject
    assert repr(column.copy()) == repr(column)


def test_plain_lists_assigned_to_a_list_column_are_coerced() -> None:
    file = FileObject(STORE_KEY, "a.txt")
    assert isinstance(FileObjectList.coerce("images", [file]), FileObjectList)
    with pytest.raises(TypeError, match="images: expected a list of FileObject, got an item of type str"):
        FileObjectList.coerce("images", ["a.txt"])


def test_annotations_alone_map_stored_object_columns_on_the_default_backend() -> None:

    file_type = StorAnnotated.__table__.c.file.type
    files_type = StorAnnotated.__table__.c.files.type
    assert isinstance(file_type, StoredObject)
    assert (file_type.backend, file_type.multiple) == (DEFAULT_BACKEND, False)
    assert isinstance(files_type, StoredObject)
    assert (files_type.backend, files_type.multiple) == ("default", True)


def test_pydantic_models_can_hold_file_objects() -> None:
    from pydantic import BaseModel

    class Schema(BaseModel):
        file: FileObject | None = None

    file = FileObject(STORE_KEY, "a.txt", path="p/a.txt", size=1)
    assert Schema(file=file).file is file
    assert Schema.model_validate({"file": file.to_dict()}).file == file
    assert Schema(file=file).model_dump()["file"]["path"] == "p/a.txt"
    with pytest.raises(ValueError, match="expected a FileObject or its dict, got int"):
        Schema(file=3)


def test_a_backend_instance_given_to_the_column_is_registered_under_its_key() -> None:
    from sqlalchemist_storage import MemoryBackend, storages

    backend = MemoryBackend("stor_column_instance")
    try:
        column = StoredObject(backend)
        assert column.backend == "stor_column_instance"
        assert storages.get_backend("stor_column_instance") is backend
    finally:
        storages.unregister_backend("stor_column_instance")
