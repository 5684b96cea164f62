"""members' savings and repayments, users, the audit chain, void and retur

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:49:57.147068
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audithead",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audithead")),
    )
    op.bulk_insert(
        sa.table("audithead", sa.column("id"), sa.column("last_seq"), sa.column("last_hash")),
        [{"id": 1, "last_seq": 0, "last_hash": ""}],
    )
    op.create_table(
        "auditrecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("ref", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auditrecord")),
        sa.UniqueConstraint("seq", name=op.f("uq_auditrecord_seq")),
    )
    with op.batch_alter_table("auditrecord", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditrecord_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditrecord_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditrecord_ref"), ["ref"], unique=False)

    op.create_table(
        "documentcounter",
        sa.Column("series", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("till", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("last_no", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "till", "business_date", name=op.f("pk_documentcounter")),
    )
    op.create_table(
        "useraccount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("pin_hash", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("locked_until", gerai.models.UTCDateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_useraccount")),
        sa.UniqueConstraint("name", name=op.f("uq_useraccount_name")),
    )
    op.create_table(
        "memberpayment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("till", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_memberpayment_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_memberpayment_shift_id_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberpayment")),
        sa.UniqueConstraint("number", name=op.f("uq_memberpayment_number")),
    )
    with op.batch_alter_table("memberpayment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_memberpayment_business_date"), ["business_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_memberpayment_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_memberpayment_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "salereturn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("till", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("refund_method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("refund_total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_salereturn_sale_id_sale")),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_salereturn_shift_id_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salereturn")),
        sa.UniqueConstraint("number", name=op.f("uq_salereturn_number")),
    )
    with op.batch_alter_table("salereturn", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_salereturn_business_date"), ["business_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_salereturn_sale_id"), ["sale_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_salereturn_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "salevoid",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_salevoid_sale_id_sale")),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_salevoid_shift_id_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salevoid")),
        sa.UniqueConstraint("sale_id", name=op.f("uq_salevoid_sale_id")),
    )
    with op.batch_alter_table("salevoid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_salevoid_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "salereturnline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("sale_line_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("qty", gerai.models.Qty(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("damaged", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_salereturnline_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["return_id"], ["salereturn.id"], name=op.f("fk_salereturnline_return_id_salereturn")
        ),
        sa.ForeignKeyConstraint(
            ["sale_line_id"], ["saleline.id"], name=op.f("fk_salereturnline_sale_line_id_saleline")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salereturnline")),
        sa.UniqueConstraint("return_id", "sale_line_id", name=op.f("uq_salereturnline_return_id")),
    )
    with op.batch_alter_table("salereturnline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_salereturnline_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_salereturnline_return_id"), ["return_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_salereturnline_sale_line_id"), ["sale_line_id"], unique=False
        )
    _start_the_trail()


def downgrade() -> None:
    with op.batch_alter_table("salereturnline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_salereturnline_sale_line_id"))
        batch_op.drop_index(batch_op.f("ix_salereturnline_return_id"))
        batch_op.drop_index(batch_op.f("ix_salereturnline_product_id"))

    op.drop_table("salereturnline")
    with op.batch_alter_table("salevoid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_salevoid_shift_id"))

    op.drop_table("salevoid")
    with op.batch_alter_table("salereturn", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_salereturn_shift_id"))
        batch_op.drop_index(batch_op.f("ix_salereturn_sale_id"))
        batch_op.drop_index(batch_op.f("ix_salereturn_business_date"))

    op.drop_table("salereturn")
    with op.batch_alter_table("memberpayment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberpayment_shift_id"))
        batch_op.drop_index(batch_op.f("ix_memberpayment_member_id"))
        batch_op.drop_index(batch_op.f("ix_memberpayment_business_date"))

    op.drop_table("memberpayment")
    op.drop_table("useraccount")
    op.drop_table("documentcounter")
    with op.batch_alter_table("auditrecord", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditrecord_ref"))
        batch_op.drop_index(batch_op.f("ix_auditrecord_kind"))
        batch_op.drop_index(batch_op.f("ix_auditrecord_actor"))

    op.drop_table("auditrecord")
    op.drop_table("audithead")


def _start_the_trail() -> None:
    """A shop's sales from before the audit trail have no records of their own: the first
    record holds how many there were, the last id and their total, so `gerai audit verify`
    can tell that they were left as they were."""
    from datetime import UTC, datetime

    from sqlmodel import Session

    from gerai.services.audit import trail as audit

    bind = op.get_bind()
    count, last_id, total = bind.execute(
        sa.text("SELECT count(*), coalesce(max(id), 0), coalesce(sum(total), 0) FROM sale")
    ).one()
    if not count:
        return
    with Session(bind=bind) as session:
        audit.record(
            session,
            kind=audit.TRAIL_STARTED,
            actor="system",
            at=datetime.now(UTC),
            detail={"sales": int(count), "last_sale_id": int(last_id), "total": int(total)},
        )
