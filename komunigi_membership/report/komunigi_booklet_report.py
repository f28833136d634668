# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, models


class KomunigiBookletReport(models.AbstractModel):
    _name = "report.komunigi_membership.report_komunigi_booklet"
    _description = "komunigi Welcome Booklet"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": self.env["res.partner"].browse(docids),
            **self._booklet_values(),
        }

    @api.model
    def _booklet_values(self):
        """The sections of the booklet and the lists they may show: member
        organisations per community and join conditions. Candidates and portal
        users read the booklet too, hence sudo."""
        members = (
            self.env["res.partner"]
            .sudo()
            .search(
                [("komunigi_state", "=", "member"), ("is_company", "=", True)],
                order="name",
            )
        )
        return {
            "sections": self.env["komunigi.booklet.section"].sudo().search([]),
            # One recordset of member organisations per community.
            "members_per_community": [
                members.filtered(lambda p, c=community: p.komunigi_community == c)
                for community in ("users", "developers")
            ],
            "conditions": self.env["komunigi.join.condition"].sudo().search([]),
        }
