# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Marks the creation of the co-funding invoices and credit notes by our own
# code (a client's JSON cannot produce it).
FUNDING_MOVE = object()
FUNDING_FIELDS = {"komunigi_request_id", "komunigi_funding_role"}


class AccountMove(models.Model):
    _inherit = "account.move"

    komunigi_request_id = fields.Many2one(
        "project.task",
        string="Improvement Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Improvement request co-funded by this invoice.",
    )
    komunigi_funding_role = fields.Selection(
        [
            ("share", "Co-funding share"),
            ("late_joiner", "Credit for a late joiner"),
            ("settlement", "Settlement on the hours worked"),
        ],
        string="Co-funding Role",
        readonly=True,
        copy=False,
    )
    komunigi_funding_share_ids = fields.One2many(
        "komunigi.funding.share", "invoice_id", string="Co-funding Shares"
    )

    def _komunigi_check_funding_vals(self, vals):
        if FUNDING_FIELDS & set(vals) and (
            self.env.context.get("komunigi_funding_move") is not FUNDING_MOVE
        ):
            raise UserError(
                _(
                    "Only the co-funding of an improvement request creates its "
                    "invoices and credit notes."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._komunigi_check_funding_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._komunigi_check_funding_vals(vals)
        return super().write(vals)

    @api.model
    def _komunigi_create_funding_moves(self, vals_list):
        """Create the co-funding invoices or credit notes of vals_list, the
        values of komunigi.funding.share._komunigi_prepare_move."""
        moves = self.with_context(komunigi_funding_move=FUNDING_MOVE).create(vals_list)
        return moves.with_env(self.env)

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """The credit note of a co-funding invoice (the re-estimation's, one
        made by hand) counts in the ledger of its request: it carries the
        request and the funding role of the move it reverses."""
        if not self.komunigi_request_id:
            return super()._reverse_moves(default_values_list, cancel=cancel)
        default_values_list = default_values_list or [{} for _move in self]
        for move, default_values in zip(self, default_values_list):
            if move.komunigi_request_id:
                default_values.update(move._komunigi_funding_reversal_vals())
        reversals = super(
            AccountMove, self.with_context(komunigi_funding_move=FUNDING_MOVE)
        )._reverse_moves(default_values_list, cancel=cancel)
        return reversals.with_env(self.env)

    def _komunigi_funding_reversal_vals(self):
        self.ensure_one()
        return {
            "komunigi_request_id": self.komunigi_request_id.id,
            "komunigi_funding_role": self.komunigi_funding_role,
        }

    def action_komunigi_open_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.task",
            "res_id": self.komunigi_request_id.id,
            "view_mode": "form",
        }
