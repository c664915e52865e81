"""The roster fields a file column can fill, their labels, and which a new worker needs."""

from __future__ import annotations

from enum import StrEnum

from labour_democracy.i18n import N_


class Field(StrEnum):
    """A roster field a file column can fill (the names of WorkerForm)."""

    EMPLOYEE_CODE = "employee_code"
    FULL_NAME = "full_name"
    GENDER = "gender"
    ORG_UNIT = "org_unit"
    POSITION = "position"
    CONTRACT_TYPE = "contract_type"
    START_DATE = "start_date"
    END_DATE = "end_date"
    NATIONALITY = "nationality"
    UNION_MEMBER = "union_member"
    PHONE = "phone"
    EMAIL = "email"


FIELD_LABELS = {
    Field.EMPLOYEE_CODE: N_("Employee code"),
    Field.FULL_NAME: N_("Full name"),
    Field.GENDER: N_("Gender"),
    Field.ORG_UNIT: N_("Unit"),
    Field.POSITION: N_("Position"),
    Field.CONTRACT_TYPE: N_("Contract type"),
    Field.START_DATE: N_("Start date"),
    Field.END_DATE: N_("End date"),
    Field.NATIONALITY: N_("Nationality"),
    Field.UNION_MEMBER: N_("Union member"),
    Field.PHONE: N_("Phone"),
    Field.EMAIL: N_("E-mail"),
}

# A new worker cannot be added without these (WorkerForm has no default for them).
REQUIRED_FOR_NEW = (Field.FULL_NAME, Field.GENDER, Field.CONTRACT_TYPE)
