# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..flow import CONTEXT_KEY, Correction


class CustomerWalletCorrection(models.TransientModel):
    """An account manager's correction that may take wallets below their limit.

    It posts draft entries and reverses posted ones (a mistaken top-up the
    member already spent). The limit is then not enforced for them, only
    because an account manager ticked the confirmation here; the entries are
    flagged as wallet overdrafts and the wallet managers get an activity.
    """

    _name = "customer.wallet.correction"
    _description = "Correct customer wallets below their limit"

    move_ids = fields.Many2many(
        comodel_name="account.move",
        string="Entries",
        required=True,
        help="Draft entries to post and posted entries to reverse.",
    )
    date = fields.Date(
        string="Reversal Date",
        required=True,
        default=fields.Date.context_today,
    )
    reason = fields.Char()
    confirm_below_limit = fields.Boolean(
        string="I confirm this correction takes wallets below their limit",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("move_ids"):
            # ids offered by a refusal: the entries a rolled back request
            # created are gone
            ids = []
            for command in values["move_ids"]:
                if isinstance(command, int):
                    ids.append(command)
                elif command[0] == Command.SET:
                    ids.extend(command[2])
                elif command[0] == Command.LINK:
                    ids.append(command[1])
            moves = self.env["account.move"].browse(ids).exists()
            # a refusal offers an entry and the entry it reverses: keep the
            # reversal when it still exists
            moves -= moves.filtered(
                lambda move: move.state == "posted" and move.reversal_move_id & moves
            )
            values["move_ids"] = [Command.set(moves.ids)]
        return values

    def _check_correction(self):
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_manager"):
            raise AccessError(
                _(
                    "Only account managers may post a correction that takes a "
                    "wallet below its limit."
                )
            )
        if not self.confirm_below_limit:
            raise UserError(
                _(
                    "Tick the confirmation to post a correction that takes a "
                    "wallet below its limit."
                )
            )
        if not self.move_ids or self.move_ids.filtered(
            lambda move: move.state not in ("draft", "posted")
        ):
            raise UserError(
                _("A correction posts draft entries or reverses posted ones.")
            )

    def action_confirm(self):
        self._check_correction()
        moves = self.move_ids.with_context(
            **{CONTEXT_KEY: Correction(self.move_ids.ids)}
        )
        drafts = moves.filtered(lambda move: move.state == "draft")
        posted = moves - drafts
        done = drafts
        if posted:
            done |= posted._reverse_moves(
                [
                    {
                        "date": self.date,
                        "ref": _(
                            "Reversal of: %(move)s, %(reason)s",
                            move=move.name,
                            reason=self.reason or _("wallet correction"),
                        ),
                    }
                    for move in posted
                ],
                cancel=True,
            )
        if drafts:
            drafts.action_post()
        return {
            "type": "ir.actions.act_window",
            "name": _("Wallet Corrections"),
            "res_model": "account.move",
            "view_mode": "tree,form",
            "domain": [("id", "in", done.ids)],
            "target": "current",
        }
