from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extra_data import ExtraData
    from ..models.submit_job_request_workflow import SubmitJobRequestWorkflow


T = TypeVar("T", bound="SubmitJobRequest")


@_attrs_define
class SubmitJobRequest:
    """
    Attributes:
        workflow (SubmitJobRequestWorkflow): An API-format graph; `core/ASSET` references stand where file names would.
        extra_data (ExtraData | Unset): Closed; only the Comfy API key partner nodes authenticate with.
        metadata (None | str | Unset): An opaque label (at most 1 KiB of UTF-8), echoed on the job.
        priority (int | None | Unset): Advisory.
    """

    workflow: SubmitJobRequestWorkflow
    extra_data: ExtraData | Unset = UNSET
    metadata: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow = self.workflow.to_dict()

        extra_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_data, Unset):
            extra_data = self.extra_data.to_dict()

        metadata: None | str | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        else:
            metadata = self.metadata

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow": workflow,
            }
        )
        if extra_data is not UNSET:
            field_dict["extra_data"] = extra_data
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.extra_data import ExtraData
        from ..models.submit_job_request_workflow import SubmitJobRequestWorkflow

        d = dict(src_dict)
        workflow = SubmitJobRequestWorkflow.from_dict(d.pop("workflow"))

        _extra_data = d.pop("extra_data", UNSET)
        extra_data: ExtraData | Unset
        if isinstance(_extra_data, Unset):
            extra_data = UNSET
        else:
            extra_data = ExtraData.from_dict(_extra_data)

        def _parse_metadata(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        submit_job_request = cls(
            workflow=workflow,
            extra_data=extra_data,
            metadata=metadata,
            priority=priority,
        )

        submit_job_request.additional_properties = d
        return submit_job_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
