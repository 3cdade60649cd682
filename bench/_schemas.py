"""Pydantic schemas of the service workload: the request body and the response, as in the guide."""

from __future__ import annotations

import datetime
import uuid

from pydantic import BaseModel, ConfigDict


class AuthorCreate(BaseModel):
    """What a client sends to create an author."""

    name: str
    email: str
    dob: datetime.date | None = None


class AuthorSchema(BaseModel):
    """What the API returns for an author."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    email: str
    dob: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
