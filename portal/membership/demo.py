"""The demo network's invoicing: the network as a supplier, and a few members' finance teams."""

from .rules import billing

NETWORK = dict(
    legal_name="Co-operative Councils' Innovation Network",
    address="c/o Oldham Council\nCivic Centre, West Street\nOldham\nOL1 1UT",
    vat_number=None,
    bank_name="Unity Trust Bank",
    sort_code="608301",
    account_number="20385746",
    payment_terms_days=30,
    remittance_email="finance@example.org",
)

# member: (billing address, a PO required, standing PO number). Sunderland needs a PO and has
# given none, so its unpaid invoice is flagged; Plymouth's standing PO goes on its invoice.
MEMBERS = {
    "Oxford City Council": ("Accounts Payable\nTown Hall, St Aldate's\nOxford\nOX1 1BX", False, None),
    "Plymouth City Council": ("Creditor Payments\nBallard House, West Hoe Road\nPlymouth\nPL1 3BJ",
                              True, "PO-4500123456"),
    "Sunderland City Council": ("Accounts Payable\nCity Hall, Plater Way\nSunderland\nSR1 3AA",
                                True, None),
    "Cardiff Council": ("Taliadau Credydwyr / Creditor Payments\nNeuadd y Sir, Glanfa Iwerydd\n"
                        "Caerdydd / Cardiff\nCF10 4UW", False, None),
}


def load(members, secretariat):
    """Set the network's invoicing details and the finance teams' needs, before invoices are raised."""
    billing.save_invoicing_details(by=secretariat, **NETWORK)
    for name, (address, po_required, purchase_order) in MEMBERS.items():
        billing.save_billing(members[name], by=secretariat, address=address, po_required=po_required,
                             purchase_order=purchase_order)
