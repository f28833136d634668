# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .komunigi_mandate import SEAT_STATES

MOTIVATION_MAX_LENGTH = 2000


class KomunigiCandidature(models.Model):
    """A person of a member organisation standing for a core team seat: the
    seat of a mandate ending soon, or left vacant before its term."""

    _name = "komunigi.candidature"
    _description = "komunigi Candidature to a Core Team Seat"
    _inherit = ["mail.thread"]
    _order = "seat_id, create_date, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        related="seat_id.company_id", store=True, index=True, precompute=True
    )
    seat_id = fields.Many2one(
        "komunigi.mandate",
        string="Seat of",
        required=True,
        index=True,
        ondelete="cascade",
        help="The mandate whose seat is to be filled.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Candidate",
        required=True,
        index=True,
        domain=[("is_company", "=", False)],
    )
    organisation_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, string="Organisation"
    )
    motivation = fields.Text()
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("elected", "Elected"),
            ("not_elected", "Not elected"),
        ],
        default="submitted",
        required=True,
        tracking=True,
    )
    mandate_id = fields.Many2one(
        "komunigi.mandate", string="Mandate", readonly=True, check_company=True
    )

    _sql_constraints = [
        (
            "candidate_unique",
            "unique(seat_id, partner_id)",
            "A person stands once for the same seat.",
        )
    ]

    @api.model
    def _komunigi_open_seats(self):
        """Seats open to candidatures: active mandates ending soon and seats
        left vacant before their term, without a successor, in the companies
        of the current user."""
        Mandate = self.env["komunigi.mandate"].sudo()
        seats = Mandate.search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                "|",
                ("is_ending_soon", "=", True),
                "&",
                ("state", "=", "ended"),
                ("vacated_early", "=", True),
            ]
        )
        return seats.filtered(
            lambda m: not m.successor_ids.filtered(lambda s: s.state in SEAT_STATES)
        )

    @api.model
    def _komunigi_submit(self, seat, partner, motivation):
        """Record the candidature of ``partner`` (a portal user's own person)
        for ``seat``, checked as if it came from anywhere."""
        motivation = (motivation or "").strip()
        organisation = partner.commercial_partner_id
        if organisation.komunigi_state != "member" or not organisation.is_company:
            raise UserError(
                _("Only the people of member organisations stand for the core team.")
            )
        if seat not in self._komunigi_open_seats():
            raise UserError(_("This core team seat is not open to candidatures."))
        if not motivation:
            raise UserError(
                _("Tell the assembly in a few words why you stand for this seat.")
            )
        if len(motivation) > MOTIVATION_MAX_LENGTH:
            raise UserError(
                _(
                    "Your motivation is too long: %(maximum)s characters at most.",
                    maximum=MOTIVATION_MAX_LENGTH,
                )
            )
        if self.sudo().search_count(
            [("seat_id", "=", seat.id), ("partner_id", "=", partner.id)]
        ):
            raise UserError(
                _(
                    "%(person)s already stands for the seat of %(seat)s.",
                    person=partner.name,
                    seat=seat.name,
                )
            )
        return self.sudo().create(
            {
                "seat_id": seat.id,
                "partner_id": partner.id,
                "motivation": motivation,
            }
        )

    def action_elect(self):
        """The assembly elected this candidate: a mandate elected in advance
        takes the seat the day after the predecessor's last day (today for a
        vacant seat); the other candidates of the seat are not elected."""
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(
                _(
                    "The candidature of %(person)s was already decided.",
                    person=self.partner_id.name,
                )
            )
        seat = self.seat_id
        today = fields.Date.context_today(self)
        if seat.state == "active":
            start = seat.date_end + timedelta(days=1)
        else:
            start = max(today, seat.date_end + timedelta(days=1))
        Mandate = self.env["komunigi.mandate"]
        rule = self.env["komunigi.community.rule"]._for_community(seat.community)
        end = (
            Mandate._longest_end(start, rule.mandate_max_months)
            if rule.mandate_max_months
            else Mandate._longest_end(start, 24)
        )
        mandate = Mandate.create(
            {
                "company_id": seat.company_id.id,
                "organisation_id": self.organisation_id.id,
                "partner_id": self.partner_id.id,
                "predecessor_id": seat.id,
                "date_start": start,
                "date_end": end,
                "state": "elected",
            }
        )
        if start <= today:
            mandate.action_activate()
        self.write({"state": "elected", "mandate_id": mandate.id})
        (seat.candidature_ids - self).filtered(lambda c: c.state == "submitted").write(
            {"state": "not_elected"}
        )
        return True
