from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.users_users import UsersUsers


T = TypeVar("T", bound="Users")


@_attrs_define
class Users:
    """
    Attributes:
        storage (str):
        migrated (bool | Unset):
        users (UsersUsers | Unset):
    """

    storage: str
    migrated: bool | Unset = UNSET
    users: UsersUsers | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        storage = self.storage

        migrated = self.migrated

        users: dict[str, Any] | Unset = UNSET
        if not isinstance(self.users, Unset):
            users = self.users.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "storage": storage,
            }
        )
        if migrated is not UNSET:
            field_dict["migrated"] = migrated
        if users is not UNSET:
            field_dict["users"] = users

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.users_users import UsersUsers

        d = dict(src_dict)
        storage = d.pop("storage")

        migrated = d.pop("migrated", UNSET)

        _users = d.pop("users", UNSET)
        users: UsersUsers | Unset
        if isinstance(_users, Unset):
            users = UNSET
        else:
            users = UsersUsers.from_dict(_users)

        users = cls(
            storage=storage,
            migrated=migrated,
            users=users,
        )

        users.additional_properties = d
        return users

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
