# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "komunigi Contributions",
    "summary": "Membership fees, animation hours, improvement requests and co-funded developments of komunigi",
    "version": "16.0.1.1.0",
    "category": "Association",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["komunigi_membership", "contract", "project", "hr_timesheet"],
    "data": [
        "security/komunigi_contribution_security.xml",
        "security/ir.model.access.csv",
        "data/product_product_data.xml",
        "data/project_project_data.xml",
        "data/project_task_type_data.xml",
        "data/mail_activity_type_data.xml",
        "data/komunigi_booklet_section_data.xml",
        "views/res_config_settings_views.xml",
        "views/product_template_views.xml",
        "views/project_project_views.xml",
        "views/komunigi_funding_share_views.xml",
        "views/project_task_views.xml",
        "views/contract_contract_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/komunigi_report_views.xml",
        "views/komunigi_funding_invoice_wizard_views.xml",
        "views/portal_templates.xml",
        "report/komunigi_booklet_report.xml",
        "views/komunigi_contribution_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/contract_contract_demo.xml",
        "demo/project_task_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "komunigi_contribution/static/tests/tours/*.tour.esm.js",
        ],
    },
    "installable": True,
}
