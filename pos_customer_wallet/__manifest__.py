# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "Customer Wallet in the Point of Sale",
    "summary": "Cashiers take payment from members' prepaid wallets at the point of sale",
    "version": "16.0.1.4.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["point_of_sale", "account_customer_wallet"],
    "data": [
        "views/pos_order_views.xml",
        "views/pos_payment_method_views.xml",
        "views/res_config_settings_views.xml",
        "security/ir.model.access.csv",
        "security/pos_customer_wallet_security.xml",
        "views/customer_wallet_hold_views.xml",
    ],
    "demo": ["demo/pos_customer_wallet_demo.xml"],
    "assets": {
        "point_of_sale.assets": [
            "pos_customer_wallet/static/src/css/pos_customer_wallet.css",
            "pos_customer_wallet/static/src/js/**/*.esm.js",
            "pos_customer_wallet/static/src/xml/**/*.xml",
        ],
        "web.assets_tests": [
            "pos_customer_wallet/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
