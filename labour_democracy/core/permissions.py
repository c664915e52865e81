"""Who may do what: roles, permissions and the actor making a request."""

from __future__ import annotations

from dataclasses import dataclass, field

from labour_democracy.core.tables import Role


@dataclass(frozen=True)
class Permission:
    """An action on an enterprise's records and the roles that may take it (admins always may)."""

    name: str
    roles: frozenset[Role]

    def allows(self, roles: set[Role]) -> bool:
        return Role.ADMIN in roles or bool(self.roles & roles)


def permission(name: str, *roles: Role) -> Permission:
    return Permission(name, frozenset(roles))


# Federation officers read across their province and never write (the Foundation issue, §4).
VIEW = permission("view", Role.HR, Role.UNION, Role.FEDERATION, Role.NATIONAL)
EDIT_ENTERPRISE = permission("enterprise.edit", Role.HR)
MANAGE_ORG_UNITS = permission("org_units.manage", Role.HR)
# The roster holds personal data: those who run the enterprise's democracy see it, the
# federation sees counts only.
VIEW_ROSTER = permission("roster.view", Role.HR, Role.UNION)
MANAGE_ROSTER = permission("roster.manage", Role.HR)
VIEW_DOCUMENTS = permission("documents.view", Role.HR, Role.UNION, Role.FEDERATION)
ISSUE_NOTICE = permission("notice.issue", Role.HR)
# Every signed-in role may manage its own account.
OWN_ACCOUNT = Permission("account.own", frozenset(Role))
# Administration outside any one enterprise.
ADMINISTER = permission("administer")


@dataclass(frozen=True)
class MembershipGrant:
    role: Role
    enterprise_id: int | None = None
    province_id: int | None = None
    upper_union_id: int | None = None  # a local union officer's commune or park union


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or the system itself (CLI, demo data)."""

    id: int | None
    email: str
    full_name: str
    language: str | None = None
    grants: tuple[MembershipGrant, ...] = field(default_factory=tuple)

    @property
    def is_admin(self) -> bool:
        return any(g.role is Role.ADMIN for g in self.grants)

    @property
    def label(self) -> str:
        return self.email

    def roles_for(
        self, enterprise_id: int, province_id: int, upper_union_id: int | None = None
    ) -> set[Role]:
        """The roles the actor holds on one enterprise. A local union officer reads the
        enterprises under its upper-level union as the federation does (role FEDERATION,
        read-only); the national reader holds NATIONAL on every enterprise."""
        roles: set[Role] = set()
        for grant in self.grants:
            if grant.role is Role.ADMIN:
                roles.add(Role.ADMIN)
            elif grant.role is Role.NATIONAL:
                roles.add(Role.NATIONAL)
            elif grant.role is Role.FEDERATION and grant.province_id == province_id:
                roles.add(Role.FEDERATION)
            elif grant.role is Role.LOCAL_UNION:
                if upper_union_id is not None and grant.upper_union_id == upper_union_id:
                    roles.add(Role.FEDERATION)
            elif grant.enterprise_id == enterprise_id:
                roles.add(grant.role)
        return roles

    @property
    def roles(self) -> set[Role]:
        return {g.role for g in self.grants}


SYSTEM = Actor(id=None, email="system", full_name="System", grants=(MembershipGrant(Role.ADMIN),))
