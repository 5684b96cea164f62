"""Adding and editing a product: every field checked as the import checks a row (a price or
member price above the HET is refused with the ceiling shown, a barcode must be valid and
nobody else's), its pack units, and every price change on record. Only an admin (or with an
admin's PIN) adds or changes products, and each save is audited. The stock is never edited
here: only the ledger moves it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from gerai.core.errors import FormRefused, GeraiError
from gerai.core.words import AuditKind, Permission, TaxCategory
from gerai.models import Barcode, Category, PriceChange, Product
from gerai.services.audit import trail as audit
from gerai.services.shop.auth import Actor, Approval, approved_by, authorize
from gerai.services.stock.import_export import parse_product_row, product_row, store_product
from gerai.services.stock.packs import format_packs, pack_units, parse_packs, set_pack_units


@dataclass(frozen=True)
class ProductForm:
    """A product's fields as typed. Barcodes and pack units are lists in one line
    (`8991234567895, 8991234567888`; `karton=12, dus=6`)."""

    code: str = ""
    barcodes: str = ""
    name: str = ""
    category: str = ""
    unit: str = "pcs"
    sold_by_weight: bool = False
    price: str = ""
    member_price: str = ""
    cost: str = ""
    het: str = ""
    max_per_sale: str = ""
    tax_category: str = TaxCategory.EXEMPT
    reorder_level: str = "0"
    active: bool = True
    packs: str = ""


class ProductRefused(FormRefused):
    """The form has problems, each with its field; nothing was saved."""

    KEY = "stockadm.not_saved"


def product_form(session: Session, product_id: int) -> ProductForm:
    """The form of an existing product, filled with what is stored."""
    product = session.get(Product, product_id)
    if product is None:
        raise GeraiError("stock.no_product", id=product_id)
    category = session.get(Category, product.category_id)
    assert category is not None
    barcodes = session.exec(
        select(Barcode.code).where(Barcode.product_id == product_id).order_by(col(Barcode.id))
    ).all()
    row = product_row(product, category.name, list(barcodes))

    def text(value: object) -> str:
        return "" if value is None else str(value)

    flags_and_lists = ("stock", "sold_by_weight", "active", "barcodes")
    return ProductForm(
        **{k: text(v) for k, v in row.items() if k not in flags_and_lists},
        sold_by_weight=product.sold_by_weight,
        active=product.active,
        barcodes=", ".join(barcodes),
        packs=format_packs(pack_units(session, product_id)),
    )


def _others_problems(
    session: Session, code: str, barcodes: list[str], product_id: int | None
) -> list[tuple[str, GeraiError]]:
    problems: list[tuple[str, GeraiError]] = []
    owner = session.exec(select(Product.id).where(col(Product.code) == code)).first()
    if owner is not None and owner != product_id:
        problems.append(("code", GeraiError("stockadm.code_taken", code=code)))
    seen: set[str] = set()
    for barcode in barcodes:
        if barcode in seen:
            problems.append(("barcodes", GeraiError("stockadm.barcode_twice", code=barcode)))
        seen.add(barcode)
    taken = session.execute(
        select(Barcode.code, Product.code)
        .join(Product, col(Product.id) == col(Barcode.product_id))
        .where(col(Barcode.code).in_(barcodes), col(Product.id) != (product_id or 0))
    ).all()
    problems.extend(
        ("barcodes", GeraiError("product.barcode_taken", code=barcode, owner=other))
        for barcode, other in taken
    )
    return problems


def save_product(
    session: Session,
    form: ProductForm,
    *,
    actor: Actor,
    at: datetime,
    product_id: int | None = None,
    approval: Approval | None = None,
) -> int:
    """Create a product (`product_id` None) or change one; returns its id. Needs the
    `products` permission (an admin, or an admin's `approval`). Refused with every problem of
    the form (ProductRefused) and nothing written."""
    answerable = authorize(session, actor, Permission.PRODUCTS, now=at, approval=approval)
    product = None
    if product_id is not None:
        product = session.get(Product, product_id)
        if product is None:
            raise GeraiError("stock.no_product", id=product_id)
    row = {k: v for k, v in asdict(form).items() if k != "packs"}
    record, problems = parse_product_row(row)
    category = session.exec(select(Category).where(col(Category.name) == form.category.strip()))
    category_row = category.first()
    if category_row is None:
        names = ", ".join(session.exec(select(Category.name).order_by(col(Category.name))))
        problems.append(
            ("category", GeraiError("stockadm.unknown_category", name=form.category, known=names))
        )
    packs = []
    try:
        packs = parse_packs(form.packs, pieces=not form.sold_by_weight)
    except GeraiError as error:
        problems.append(("packs", error))
    if record is not None:
        problems.extend(_others_problems(session, record.code, record.barcodes, product_id))
    if problems or record is None or category_row is None or category_row.id is None:
        raise ProductRefused(problems)
    kind = AuditKind.PRODUCT_CREATED if product is None else AuditKind.PRODUCT_CHANGED
    stored = store_product(session, record, category_row.id, product, by=actor.name, at=at)
    assert stored.id is not None
    set_pack_units(session, stored.id, packs, by=actor.name, at=at)
    audit.record(
        session, kind=kind, actor=actor.name, at=at, ref=stored.code,
        detail={"price": stored.price, "member_price": stored.member_price,
                "het": stored.het, "active": stored.active, **approved_by(actor, answerable)},
    )  # fmt: skip
    return stored.id


def price_history(session: Session, product_id: int) -> list[PriceChange]:
    """Every recorded change of the product's prices, newest first."""
    return list(
        session.exec(
            select(PriceChange)
            .where(PriceChange.product_id == product_id)
            .order_by(col(PriceChange.changed_at).desc(), col(PriceChange.id).desc())
        )
    )
