# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class KomunigiAdmissionCheck(models.Model):
    _name = "komunigi.admission.check"
    _description = "komunigi Admission Checklist Line"
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Candidate",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    condition_id = fields.Many2one(
        "komunigi.join.condition", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="condition_id.sequence", store=True)
    description = fields.Text(related="condition_id.description")
    required = fields.Boolean(related="condition_id.required", store=True)
    is_met = fields.Boolean(string="Met")
    checked_by_id = fields.Many2one("res.users", readonly=True)
    checked_date = fields.Date(readonly=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "condition_unique",
            "unique(partner_id, condition_id)",
            "A join condition appears only once in the checklist of a candidate.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_met"):
                vals.update(self._checked_values())
        return super().create(vals_list)

    def write(self, vals):
        if any(
            check[name].id != vals[name]
            for check in self
            for name in ("partner_id", "condition_id")
            if name in vals
        ):
            raise UserError(
                _(
                    "A line of an admission checklist stays with its candidate and "
                    "its join condition: tick it as met, or change the join "
                    "conditions of the community."
                )
            )
        if "is_met" in vals:
            vals = dict(vals, **self._checked_values(vals["is_met"]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_required_condition(self):
        """A required join condition that applies to a candidate stays in its
        checklist: only changing the community's rules (archiving the
        condition, making it optional or moving it to the other community)
        takes it out, through the Update Checklist button."""
        for check in self:
            partner = check.partner_id
            if (
                check.required
                and partner.komunigi_state == "candidate"
                and check.condition_id in partner._komunigi_applicable_conditions()
            ):
                raise UserError(
                    _(
                        "The join condition %(condition)s is required for "
                        "%(partner)s: it cannot be removed from the checklist. "
                        "Change the join conditions of the community to drop it.",
                        condition=check.condition_id.name,
                        partner=partner.display_name,
                    )
                )

    def _checked_values(self, is_met=True):
        if not is_met:
            return {"checked_by_id": False, "checked_date": False}
        return {
            "checked_by_id": self.env.uid,
            "checked_date": fields.Date.context_today(self),
        }
