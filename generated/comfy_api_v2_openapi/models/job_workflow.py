from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_workflow_workflow import JobWorkflowWorkflow


T = TypeVar("T", bound="JobWorkflow")


@_attrs_define
class JobWorkflow:
    """
    Attributes:
        workflow (JobWorkflowWorkflow):
        format_ (str | Unset):
    """

    workflow: JobWorkflowWorkflow
    format_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow = self.workflow.to_dict()

        format_ = self.format_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow": workflow,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_workflow_workflow import JobWorkflowWorkflow

        d = dict(src_dict)
        workflow = JobWorkflowWorkflow.from_dict(d.pop("workflow"))

        format_ = d.pop("format", UNSET)

        job_workflow = cls(
            workflow=workflow,
            format_=format_,
        )

        job_workflow.additional_properties = d
        return job_workflow

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
