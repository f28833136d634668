# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    komunigi_is_request_project = fields.Boolean(
        string="komunigi Improvement Requests",
        copy=False,
        help="The tasks of this project are the improvement requests of the shared "
        "software, followed through their stages and co-funded by the members.",
    )
    komunigi_is_animation_project = fields.Boolean(
        string="komunigi Animation",
        copy=False,
        help="The timesheets of this project are the animation hours funded by the "
        "membership fees.",
    )
