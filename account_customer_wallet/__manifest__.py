# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "Customer Wallet",
    "summary": "Prepaid member wallets kept as posted journal items on a liability account",
    "version": "16.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["account"],
    "installable": True,
}
