# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

{
    "name": "komunigi Contributions",
    "summary": "Membership fees, animation hours, improvement requests and co-funded developments of komunigi",
    "version": "16.0.1.0.0",
    "category": "Association",
    "website": "https://github.com/komunigi/komunigi-addons",
    "author": "Coop IT Easy SC, komunigi",
    "maintainers": ["coopiteasy"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["komunigi_membership", "contract", "project", "hr_timesheet"],
    "installable": True,
}
