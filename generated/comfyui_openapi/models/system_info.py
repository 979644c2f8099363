from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.package_version import PackageVersion


T = TypeVar("T", bound="SystemInfo")


@_attrs_define
class SystemInfo:
    """
    Attributes:
        os (str | Unset): `posix`/`nt` (`os.name`, 0.3.64) or `linux`/`win32`/`darwin` (`sys.platform`, 0.33.0).
        ram_total (int | Unset):
        ram_free (int | Unset):
        comfyui_version (str | Unset):
        required_frontend_version (str | Unset):
        installed_templates_version (str | Unset):
        required_templates_version (str | Unset):
        python_version (str | Unset):
        pytorch_version (str | Unset):
        embedded_python (bool | Unset):
        comfy_package_versions (list[PackageVersion] | Unset): The Comfy packages the server depends on (0.33.0).
        deploy_environment (str | Unset): How the server was installed, e.g. local-git (0.33.0).
        argv (list[str] | Unset):
    """

    os: str | Unset = UNSET
    ram_total: int | Unset = UNSET
    ram_free: int | Unset = UNSET
    comfyui_version: str | Unset = UNSET
    required_frontend_version: str | Unset = UNSET
    installed_templates_version: str | Unset = UNSET
    required_templates_version: str | Unset = UNSET
    python_version: str | Unset = UNSET
    pytorch_version: str | Unset = UNSET
    embedded_python: bool | Unset = UNSET
    comfy_package_versions: list[PackageVersion] | Unset = UNSET
    deploy_environment: str | Unset = UNSET
    argv: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        os = self.os

        ram_total = self.ram_total

        ram_free = self.ram_free

        comfyui_version = self.comfyui_version

        required_frontend_version = self.required_frontend_version

        installed_templates_version = self.installed_templates_version

        required_templates_version = self.required_templates_version

        python_version = self.python_version

        pytorch_version = self.pytorch_version

        embedded_python = self.embedded_python

        comfy_package_versions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.comfy_package_versions, Unset):
            comfy_package_versions = []
            for comfy_package_versions_item_data in self.comfy_package_versions:
                comfy_package_versions_item = comfy_package_versions_item_data.to_dict()
                comfy_package_versions.append(comfy_package_versions_item)

        deploy_environment = self.deploy_environment

        argv: list[str] | Unset = UNSET
        if not isinstance(self.argv, Unset):
            argv = self.argv

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if os is not UNSET:
            field_dict["os"] = os
        if ram_total is not UNSET:
            field_dict["ram_total"] = ram_total
        if ram_free is not UNSET:
            field_dict["ram_free"] = ram_free
        if comfyui_version is not UNSET:
            field_dict["comfyui_version"] = comfyui_version
        if required_frontend_version is not UNSET:
            field_dict["required_frontend_version"] = required_frontend_version
        if installed_templates_version is not UNSET:
            field_dict["installed_templates_version"] = installed_templates_version
        if required_templates_version is not UNSET:
            field_dict["required_templates_version"] = required_templates_version
        if python_version is not UNSET:
            field_dict["python_version"] = python_version
        if pytorch_version is not UNSET:
            field_dict["pytorch_version"] = pytorch_version
        if embedded_python is not UNSET:
            field_dict["embedded_python"] = embedded_python
        if comfy_package_versions is not UNSET:
            field_dict["comfy_package_versions"] = comfy_package_versions
        if deploy_environment is not UNSET:
            field_dict["deploy_environment"] = deploy_environment
        if argv is not UNSET:
            field_dict["argv"] = argv

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.package_version import PackageVersion

        d = dict(src_dict)
        os = d.pop("os", UNSET)

        ram_total = d.pop("ram_total", UNSET)

        ram_free = d.pop("ram_free", UNSET)

        comfyui_version = d.pop("comfyui_version", UNSET)

        required_frontend_version = d.pop("required_frontend_version", UNSET)

        installed_templates_version = d.pop("installed_templates_version", UNSET)

        required_templates_version = d.pop("required_templates_version", UNSET)

        python_version = d.pop("python_version", UNSET)

        pytorch_version = d.pop("pytorch_version", UNSET)

        embedded_python = d.pop("embedded_python", UNSET)

        _comfy_package_versions = d.pop("comfy_package_versions", UNSET)
        comfy_package_versions: list[PackageVersion] | Unset = UNSET
        if _comfy_package_versions is not UNSET:
            comfy_package_versions = []
            for comfy_package_versions_item_data in _comfy_package_versions:
                comfy_package_versions_item = PackageVersion.from_dict(
                    comfy_package_versions_item_data
                )

                comfy_package_versions.append(comfy_package_versions_item)

        deploy_environment = d.pop("deploy_environment", UNSET)

        argv = cast(list[str], d.pop("argv", UNSET))

        system_info = cls(
            os=os,
            ram_total=ram_total,
            ram_free=ram_free,
            comfyui_version=comfyui_version,
            required_frontend_version=required_frontend_version,
            installed_templates_version=installed_templates_version,
            required_templates_version=required_templates_version,
            python_version=python_version,
            pytorch_version=pytorch_version,
            embedded_python=embedded_python,
            comfy_package_versions=comfy_package_versions,
            deploy_environment=deploy_environment,
            argv=argv,
        )

        system_info.additional_properties = d
        return system_info

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
