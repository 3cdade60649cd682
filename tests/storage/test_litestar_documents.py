"""The guide's DocumentController, imports changed: multipart create, signed URLs in lists, replace, delete.

Runs on SQLite (the app's ``create_all`` creates every mapped table) with an in-memory obstore store whose
``base_url`` stands in for S3 signing; the S3 module checks real presigned URLs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import pytest
from litestar import Controller, Litestar, delete, get, patch, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, Dependency
from litestar.testing import AsyncTestClient
from pydantic import BaseModel, Field, computed_field
from sqlalchemy.orm import Mapped, mapped_column

from sqlalchemist_litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyPlugin,
    base,
    filters,
    providers,
    repository,
    service,
)
from sqlalchemist_storage import FileObject, StoredObject, storages
from sqlalchemist_storage.backends.obstore import ObstoreBackend

BACKEND_KEY = "stor_litestar"


class StorDocumentModel(base.UUIDBase):
    __tablename__ = "stor_litestar_document"

    name: Mapped[str]
    file: Mapped[FileObject] = mapped_column(StoredObject(backend=BACKEND_KEY), nullable=True)


class Document(BaseModel):
    id: UUID | None = None
    name: str
    file: FileObject | None = Field(default=None, exclude=True)

    @computed_field  # type: ignore[prop-decorator]
    def file_url(self) -> str | list[str] | None:
        if self.file is None:
            return None
        return self.file.sign()


class CreateDocument(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    name: str
    file: UploadFile | None = None


class PatchDocument(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    name: str | None = None
    file: UploadFile | None = None


class DocumentService(service.SQLAlchemyAsyncRepositoryService[StorDocumentModel]):
    """Document repository."""

    class Repo(repository.SQLAlchemyAsyncRepository[StorDocumentModel]):
        """Document repository."""

        model_type = StorDocumentModel

    repository_type = Repo


class DocumentController(Controller):
    path = "/documents"
    dependencies = providers.create_service_dependencies(
        DocumentService,
        "documents_service",
        load=[StorDocumentModel.file],
        filters={"pagination_type": "limit_offset", "id_filter": UUID, "search": "name", "search_ignore_case": True},
    )

    @get(path="/", response_model=service.OffsetPagination[Document])
    async def list_documents(
        self,
        documents_service: DocumentService,
        filters: Annotated[list[filters.FilterTypes], Dependency(skip_validation=True)],
    ) -> service.OffsetPagination[Document]:
        results, total = await documents_service.list_and_count(*filters)
        return documents_service.to_schema(results, total, filters=filters, schema_type=Document)

    @post(path="/")
    async def create_document(
        self,
        data: Annotated[CreateDocument, Body(media_type=RequestEncodingType.MULTI_PART)],
        documents_service: DocumentService,
    ) -> Document:
        obj = await documents_service.create(
            StorDocumentModel(
                name=data.name,
                file=FileObject(
                    backend=BACKEND_KEY,
                    filename=data.file.filename or "uploaded_file",
                    content_type=data.file.content_type,
                    content=await data.file.read(),
                )
                if data.file
                else None,
            )
        )
        return documents_service.to_schema(obj, schema_type=Document)

    @get(path="/{document_id:uuid}")
    async def get_document(self, documents_service: DocumentService, document_id: UUID) -> Document:
        obj = await documents_service.get(document_id)
        return documents_service.to_schema(obj, schema_type=Document)

    @patch(path="/{document_id:uuid}")
    async def update_document(
        self,
        document_id: UUID,
        data: Annotated[PatchDocument, Body(media_type=RequestEncodingType.MULTI_PART)],
        documents_service: DocumentService,
    ) -> Document:
        update_data: dict[str, Any] = {}
        if data.name:
            update_data["name"] = data.name
        if data.file:
            update_data["file"] = FileObject(
                backend=BACKEND_KEY,
                filename=data.file.filename or "uploaded_file",
                content_type=data.file.content_type,
                content=await data.file.read(),
            )
        obj = await documents_service.update(update_data, item_id=document_id)
        return documents_service.to_schema(obj, schema_type=Document)

    @delete(path="/{document_id:uuid}")
    async def delete_document(self, documents_service: DocumentService, document_id: UUID) -> None:
        _ = await documents_service.delete(document_id)


@pytest.fixture
def files() -> Iterator[ObstoreBackend]:
    backend = ObstoreBackend(key=BACKEND_KEY, fs="memory://", base_url="https://files.example.com")
    storages.register_backend(backend, replace=True)
    yield backend
    storages.unregister_backend(BACKEND_KEY)


class DocumentControllerWithoutLoad(DocumentController):
    """The same controller without ``load=[DocumentModel.file]`` (which the core repository refuses today)."""

    dependencies = providers.create_service_dependencies(
        DocumentService,
        "documents_service",
        filters={"pagination_type": "limit_offset", "id_filter": UUID, "search": "name", "search_ignore_case": True},
    )


@pytest.fixture(
    params=[
        pytest.param(DocumentController, id="guide"),
        pytest.param(DocumentControllerWithoutLoad, id="without_load"),
    ]
)
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Litestar:
    alchemy_config = SQLAlchemyAsyncConfig(
        connection_string=f"sqlite+aiosqlite:///{tmp_path / 'documents.sqlite'}",
        session_config=AsyncSessionConfig(expire_on_commit=False),
        before_send_handler="autocommit",
        create_all=True,
    )
    return Litestar(route_handlers=[request.param], plugins=[SQLAlchemyPlugin(config=alchemy_config)])


async def test_document_controller_end_to_end(app: Litestar, files: ObstoreBackend) -> None:
    async with AsyncTestClient(app=app) as client:
        response = await client.post(
            "/documents/",
            data={"name": "contract"},
            files={"file": ("contract.pdf", b"%PDF-1.4 first", "application/pdf")},
        )
        assert response.status_code == 201, response.text
        created = response.json()
        [first_path] = files.list_paths()
        assert first_path.endswith("/contract.pdf")
        assert files.get(first_path) == b"%PDF-1.4 first"
        assert created == {
            "id": created["id"],
            "name": "contract",
            "file_url": f"https://files.example.com/{first_path}",
        }

        response = await client.get("/documents/", params={"searchString": "CONTR"})
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["total"] == 1
        assert page["items"][0]["file_url"] == f"https://files.example.com/{first_path}"

        response = await client.patch(
            f"/documents/{created['id']}",
            data={"name": "contract v2"},
            files={"file": ("contract-v2.pdf", b"%PDF-1.4 second", "application/pdf")},
        )
        assert response.status_code == 200, response.text
        [second_path] = files.list_paths()
        assert second_path.endswith("/contract-v2.pdf")
        assert files.get(second_path) == b"%PDF-1.4 second"
        assert response.json()["file_url"] == f"https://files.example.com/{second_path}"

        response = await client.get(f"/documents/{created['id']}")
        assert response.status_code == 200
        assert response.json()["name"] == "contract v2"

        response = await client.delete(f"/documents/{created['id']}")
        assert response.status_code == 204
        assert files.list_paths() == []
