# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "komunigi Membership",
    "summary": "Member organisations, admission, welcome booklet, core team mandates and assemblies of komunigi",
    "version": "16.0.1.0.0",
    "category": "Association",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["membership", "mail", "calendar", "portal"],
    "installable": True,
}
