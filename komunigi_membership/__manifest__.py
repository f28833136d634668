# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "komunigi Membership",
    "summary": "Member organisations, admission, welcome booklet, core team mandates and assemblies of komunigi",
    "version": "16.0.1.3.0",
    "category": "Association",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["membership", "mail", "calendar", "portal"],
    "data": [
        "security/komunigi_membership_security.xml",
        "security/ir.model.access.csv",
        "data/komunigi_community_rule_data.xml",
        "data/komunigi_booklet_section_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/ir_cron_data.xml",
        "data/calendar_alarm_data.xml",
        "report/komunigi_booklet_report.xml",
        "data/mail_template_data.xml",
        "wizards/komunigi_withdraw_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/komunigi_mandate_views.xml",
        "views/komunigi_proposal_views.xml",
        "views/calendar_event_views.xml",
        "views/komunigi_configuration_views.xml",
        "views/portal_templates.xml",
        "views/komunigi_join_templates.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/calendar_event_demo.xml",
        "demo/komunigi_mandate_demo.xml",
        "demo/calendar_event_convene_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "komunigi_membership/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
