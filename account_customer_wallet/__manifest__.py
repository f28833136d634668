# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "Customer Wallet",
    "summary": "Prepaid member wallets kept as posted journal items on a liability account",
    "version": "16.0.1.6.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["account"],
    "data": [
        "security/account_customer_wallet_security.xml",
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/account_journal_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/customer_wallet_views.xml",
        "wizards/customer_wallet_top_up_views.xml",
        "wizards/customer_wallet_transfer_views.xml",
        "wizards/customer_wallet_statement_views.xml",
        "report/customer_wallet_statement_report.xml",
        "views/portal_templates.xml",
        "views/account_move_views.xml",
        "wizards/customer_wallet_correction_views.xml",
    ],
    "demo": ["demo/customer_wallet_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "account_customer_wallet/static/src/js/customer_wallet_limit_error.esm.js",
            "account_customer_wallet/static/src/js/customer_wallet_amount_field.esm.js",
        ],
        "web.assets_tests": [
            "account_customer_wallet/static/tests/tours/*.esm.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
