# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models

REQUEST_STATES = [
    ("collected", "Collected"),
    ("clarified", "Clarified"),
    ("specified", "Specified"),
    ("prioritised", "Prioritised"),
    ("estimated", "Estimated"),
    ("funding", "Funding"),
    ("funded", "Funded"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("rejected", "Rejected"),
]
ESTIMATED_STATES = ("estimated", "funding", "funded", "in_progress", "done")
FUNDED_STATES = ("funded", "in_progress", "done")
WORK_STATES = ("in_progress", "done")


class ProjectTaskType(models.Model):
    _inherit = "project.task.type"

    komunigi_request_state = fields.Selection(
        REQUEST_STATES,
        string="komunigi Request State",
        help="State of the improvement requests in this stage; the guards of the "
        "state apply when a request enters the stage.",
    )
