# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiWithdrawWizard(models.TransientModel):
    _name = "komunigi.withdraw.wizard"
    _description = "Withdraw Organisations from komunigi"

    partner_ids = fields.Many2many("res.partner", string="Organisations", required=True)
    reason = fields.Text(required=True)

    def action_withdraw(self):
        self.ensure_one()
        self.partner_ids.write({"komunigi_withdrawal_reason": self.reason})
        self.partner_ids.action_komunigi_withdraw()
        return {"type": "ir.actions.act_window_close"}
