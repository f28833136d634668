# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The steps of the switch rehearsal (tools/switch_check.sh).

Run in Odoo's shell (``env`` is given) with SWITCH_PHASE set to one of:
country, history, before, after, close, rights; or run by the plain interpreter with
the phase ``portal`` (the member's pages, read from Odoo serving SWITCH_URL) or
``report``. The phases share a JSON file (SWITCH_STATE): the
records the history created and what each phase read.

The "ledger" read here is the rehearsal's own: the posted journal items on the
company's wallet account, per commercial partner, and the wallet payments and
top-up lines of paid orders in sessions not closed yet. It uses neither Coop IT
Easy's module nor ours, so that both are checked against it.
"""
# pylint: disable=print-used
import json
import os
import sys
from datetime import date

PHASE = os.environ["SWITCH_PHASE"]
STATE = os.environ["SWITCH_STATE"]

POSTED_QUERY = """
    SELECT COALESCE(partner.commercial_partner_id, partner.id),
           -SUM(line.balance), COUNT(*)
      FROM account_move_line line
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.account_id = %(account)s
       AND line.company_id = %(company)s
       AND line.parent_state = 'posted'
  GROUP BY 1
"""

PENDING_QUERY = """
    SELECT COALESCE(partner.commercial_partner_id, partner.id),
           SUM(movement.amount), COUNT(DISTINCT movement.order_id)
      FROM (
               SELECT pos_order.id AS order_id, pos_order.partner_id,
                      -payment.amount AS amount
                 FROM pos_payment payment
                 JOIN pos_order ON pos_order.id = payment.pos_order_id
                 JOIN pos_payment_method method
                   ON method.id = payment.payment_method_id
                 JOIN account_journal journal ON journal.id = method.journal_id
                 JOIN pos_session session ON session.id = pos_order.session_id
                WHERE journal.is_customer_wallet_journal
                  AND session.state != 'closed'
                  AND pos_order.state IN ('paid', 'done', 'invoiced')
                  AND pos_order.company_id = %(company)s
            UNION ALL
               SELECT pos_order.id, pos_order.partner_id, line.price_subtotal
                 FROM pos_order_line line
                 JOIN pos_order ON pos_order.id = line.order_id
                 JOIN product_product product ON product.id = line.product_id
                 JOIN product_template template
                   ON template.id = product.product_tmpl_id
                 JOIN pos_session session ON session.id = pos_order.session_id
                WHERE template.is_customer_wallet_product
                  AND session.state != 'closed'
                  AND pos_order.state IN ('paid', 'done')
                  AND pos_order.account_move IS NULL
                  AND pos_order.company_id = %(company)s
           ) AS movement
      JOIN res_partner partner ON partner.id = movement.partner_id
  GROUP BY 1
"""

WALLET_ORDERS_QUERY = """
    SELECT COUNT(DISTINCT pos_order.id)
      FROM pos_order
      JOIN pos_payment payment ON payment.pos_order_id = pos_order.id
      JOIN pos_payment_method method ON method.id = payment.payment_method_id
      JOIN account_journal journal ON journal.id = method.journal_id
     WHERE journal.is_customer_wallet_journal
       AND pos_order.company_id = %(company)s
"""

TOP_UP_ORDERS_QUERY = """
    SELECT COUNT(DISTINCT line.order_id)
      FROM pos_order_line line
      JOIN product_product product ON product.id = line.product_id
      JOIN product_template template ON template.id = product.product_tmpl_id
     WHERE template.is_customer_wallet_product
       AND line.company_id = %(company)s
"""


def load_state():
    if not os.path.exists(STATE):
        return {}
    with open(STATE) as handle:
        return json.load(handle)


def save_state(state):
    with open(STATE, "w") as handle:
        json.dump(state, handle, indent=1, sort_keys=True)


# ----------------------------------------------------------------------
# In Odoo's shell
# ----------------------------------------------------------------------


def ledger(env, state):
    """{commercial id: (posted, pending, items, pending orders)} as str keys."""
    env.flush_all()
    params = {"account": state["account_id"], "company": state["company_id"]}
    env.cr.execute(POSTED_QUERY, params)
    posted = {row[0]: (row[1], row[2]) for row in env.cr.fetchall()}
    env.cr.execute(PENDING_QUERY, params)
    pending = {row[0]: (row[1], row[2]) for row in env.cr.fetchall()}
    result = {}
    for partner_id in state["wallet_ids"]:
        amount, items = posted.get(partner_id, (0.0, 0))
        waiting, orders = pending.get(partner_id, (0.0, 0))
        result[str(partner_id)] = {
            "posted": float(amount or 0.0),
            "pending": float(waiting or 0.0),
            "balance": float((amount or 0.0) + (waiting or 0.0)),
            "items": items,
            "pending_orders": orders,
        }
    return result


def displayed(env, state):
    """The balance each wallet shows on its partner form (the installed module)."""
    partners = (
        env["res.partner"].with_context(active_test=False).browse(state["wallet_ids"])
    )
    partners.invalidate_recordset()
    return {str(p.id): p.customer_wallet_balance for p in partners}


def counts(env, state):
    env.flush_all()
    params = {"account": state["account_id"], "company": state["company_id"]}
    env.cr.execute(
        "SELECT COUNT(*) FROM account_move_line WHERE account_id = %(account)s"
        " AND company_id = %(company)s AND parent_state = 'posted'",
        params,
    )
    items = env.cr.fetchone()[0]
    env.cr.execute(WALLET_ORDERS_QUERY, params)
    paid = env.cr.fetchone()[0]
    env.cr.execute(TOP_UP_ORDERS_QUERY, params)
    top_ups = env.cr.fetchone()[0]
    return {"items": items, "wallet_orders": paid, "top_up_orders": top_ups}


def modules(env):
    """Modules whose state is not a settled one, or installed without code."""
    from odoo.modules.module import get_module_path

    problems = []
    env.cr.execute(
        "SELECT name, state FROM ir_module_module"
        " WHERE state NOT IN ('installed', 'uninstalled', 'uninstallable')"
        "    OR (state = 'installed')"
    )
    for name, module_state in env.cr.fetchall():
        if module_state != "installed":
            problems.append("%s is %s" % (name, module_state))
        elif not get_module_path(name, display_warning=False):
            problems.append("%s is installed but its code is missing" % name)
    return problems


def ui_order(env, session, partner, lines, payments, number):
    """One order as the point of sale sends it (create_from_ui)."""
    from odoo import fields

    now = fields.Datetime.to_string(fields.Datetime.now())
    order_lines = []
    for product, quantity in lines:
        price = product.lst_price
        order_lines.append(
            (
                0,
                0,
                {
                    "id": number * 100 + len(order_lines),
                    "pack_lot_ids": [],
                    "price_unit": price,
                    "product_id": product.id,
                    "price_subtotal": price * quantity,
                    "price_subtotal_incl": price * quantity,
                    "qty": quantity,
                    "discount": 0.0,
                    "tax_ids": [(6, 0, [])],
                },
            )
        )
    total = sum(line[2]["price_subtotal_incl"] for line in order_lines)
    statements = [
        (
            0,
            0,
            {
                "amount": amount,
                "name": now,
                "payment_method_id": method.id,
            },
        )
        for method, amount in payments
    ]
    uid = "%05d-%03d-%04d" % (session.id, 1, number)
    return {
        "data": {
            "amount_paid": sum(s[2]["amount"] for s in statements),
            "amount_return": 0,
            "amount_tax": 0.0,
            "amount_total": total,
            "creation_date": now,
            "fiscal_position_id": False,
            "pricelist_id": session.config_id.pricelist_id.id,
            "lines": order_lines,
            "name": "Order %s" % uid,
            "partner_id": partner.id,
            "pos_session_id": session.id,
            "sequence_number": number,
            "statement_ids": statements,
            "uid": uid,
            "user_id": env.user.id,
            "to_invoice": False,
        },
        "id": uid,
        "to_invoice": False,
    }


def close(session):
    cash = sum(
        session.order_ids.payment_ids.filtered(
            lambda p: p.payment_method_id.is_cash_count
        ).mapped("amount")
    )
    session.post_closing_cash_details(session.cash_register_balance_start + cash)
    result = session.close_session_from_ui()
    if not result.get("successful") or session.state != "closed":
        raise RuntimeError("the session %s did not close: %s" % (session.name, result))


def history(env):
    """A shop's history, built with Coop IT Easy's modules installed."""
    from odoo import Command

    company = env.company
    bank = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
    )
    cash_journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "cash")], limit=1
    )
    account = env["account.account"].create(
        {
            "name": "Customer wallets",
            "code": "440900",
            "account_type": "liability_current",
            "company_id": company.id,
        }
    )
    company.customer_wallet_account_id = account
    manual_in = env.ref("account.account_payment_method_manual_in")
    manual_out = env.ref("account.account_payment_method_manual_out")
    journal = env["account.journal"].create(
        {
            "name": "Customer Wallet",
            "code": "WLLT",
            "type": "bank",
            "is_customer_wallet_journal": True,
            "minimum_wallet_amount": -10.0,
            "default_account_id": account.id,
            "company_id": company.id,
            "inbound_payment_method_line_ids": [
                Command.clear(),
                Command.create(
                    {
                        "payment_method_id": manual_in.id,
                        "name": "Manual",
                        "payment_account_id": account.id,
                    }
                ),
            ],
            "outbound_payment_method_line_ids": [
                Command.clear(),
                Command.create(
                    {
                        "payment_method_id": manual_out.id,
                        "name": "Manual",
                        "payment_account_id": account.id,
                    }
                ),
            ],
        }
    )
    top_up = env["product.product"].create(
        {
            "name": "Wallet top-up",
            "type": "service",
            "is_customer_wallet_product": True,
            "available_in_pos": True,
            "list_price": 1.0,
            "taxes_id": [Command.clear()],
            "property_account_income_id": account.id,
            "property_account_expense_id": account.id,
        }
    )
    bread = env["product.product"].create(
        {
            "name": "Sourdough bread",
            "type": "consu",
            "available_in_pos": True,
            "list_price": 4.5,
            "taxes_id": [Command.clear()],
        }
    )
    cash_method = env["pos.payment.method"].create(
        {"name": "Cash", "journal_id": cash_journal.id, "company_id": company.id}
    )
    wallet_method = env["pos.payment.method"].create(
        {
            "name": "Customer Wallet",
            "journal_id": journal.id,
            "split_transactions": True,
            "outstanding_account_id": account.id,
            "company_id": company.id,
        }
    )
    config = env["pos.config"].create(
        {
            "name": "Shop till",
            "company_id": company.id,
            "payment_method_ids": [Command.set((cash_method | wallet_method).ids)],
        }
    )
    # the people: a cashier and a shop admin as their setup had them
    users = env["res.users"].with_context(no_reset_password=True)
    cashier = users.create(
        {
            "name": "Switch Cashier",
            "login": "switch_cashier",
            "email": "cashier@example.com",
            "password": "switch_cashier",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [
                Command.set(
                    [
                        env.ref("base.group_user").id,
                        env.ref("point_of_sale.group_pos_user").id,
                    ]
                )
            ],
        }
    )
    shop_admin = users.create(
        {
            "name": "Switch Shop Admin",
            "login": "switch_shop_admin",
            "email": "shop.admin@example.com",
            "password": "switch_shop_admin",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [
                Command.set(
                    [
                        env.ref("base.group_user").id,
                        env.ref("account.group_account_invoice").id,
                        env.ref("point_of_sale.group_pos_manager").id,
                    ]
                )
            ],
        }
    )
    # 20 members: 13 people alone, two households (a member and two contacts
    # each), an archived member with money
    Partner = env["res.partner"]
    people = Partner.create(
        [
            {"name": "Member %02d" % number, "email": "member%02d@example.com" % number}
            for number in range(1, 14)
        ]
    )
    households = Partner.browse()
    contacts = Partner.browse()
    for family in ("Dubois", "Peeters"):
        head = Partner.create({"name": "%s household" % family})
        households |= head
        contacts |= Partner.create(
            [
                {"name": "%s %s" % (first, family), "parent_id": head.id}
                for first in ("Anne", "Marc")
            ]
        )
    archived = Partner.create({"name": "Member who moved away"})
    portal_member = users.create(
        {
            "name": people[0].name,
            "login": "switch_member",
            "password": "switch_member",
            "partner_id": people[0].id,
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    wallets = people | households | archived
    members = wallets | contacts

    def entry(partner, amount, day):
        """A backend top-up: the bank receives, the wallet is credited."""
        move = (
            env["account.move"]
            .with_user(shop_admin)
            .create(
                {
                    "journal_id": bank.id,
                    "date": date(2026, 1, day),
                    "ref": "Top-up %s" % partner.name,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": bank.default_account_id.id,
                                "debit": amount,
                                "partner_id": partner.id,
                            }
                        ),
                        Command.create(
                            {
                                "account_id": account.id,
                                "credit": amount,
                                "partner_id": partner.id,
                            }
                        ),
                    ],
                }
            )
        )
        move.action_post()

    for number, partner in enumerate(people | households | archived, start=1):
        entry(partner, 20.0 + 5 * number, number)
    # a contact of a household tops up the household's wallet
    entry(contacts[0], 15.0, 20)
    # an invoiced top-up, paid by bank
    Move = env["account.move"].with_user(shop_admin)
    invoice = Move.create(
        {
            "move_type": "out_invoice",
            "partner_id": people[1].id,
            "invoice_date": date(2026, 1, 21),
            "invoice_line_ids": [
                Command.create(
                    {"product_id": top_up.id, "quantity": 40, "price_unit": 1.0}
                )
            ],
        }
    )
    invoice.action_post()
    env["account.payment.register"].with_user(shop_admin).with_context(
        active_model="account.move", active_ids=invoice.ids
    ).create({"journal_id": bank.id}).action_create_payments()
    # invoices paid from the wallet
    for partner, amount in ((people[2], 12.0), (households[0], 18.0), (people[3], 7.5)):
        sale = Move.create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date(2026, 1, 22),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": bread.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        sale.action_post()
        env["account.payment.register"].with_user(shop_admin).with_context(
            active_model="account.move", active_ids=sale.ids
        ).create({"journal_id": journal.id}).action_create_payments()
    # the closed session: wallet payments, top-ups at the till, a household
    # contact paying from the household's wallet
    closed = env["pos.session"].create({"config_id": config.id})
    closed.set_cashbox_pos(0.0, False)
    Order = env["pos.order"].with_user(cashier)
    orders = [
        (people[0], [(bread, 2)], [(wallet_method, 9.0)]),
        (
            people[4],
            [(bread, 1), (top_up, 10)],
            [(wallet_method, 4.5), (cash_method, 10.0)],
        ),
        (contacts[1], [(bread, 3)], [(wallet_method, 13.5)]),
        (people[5], [(top_up, 25)], [(cash_method, 25.0)]),
        (people[6], [(bread, 2)], [(wallet_method, 5.0), (cash_method, 4.0)]),
        (archived, [(bread, 1)], [(wallet_method, 4.5)]),
    ]
    for number, (partner, lines, payments) in enumerate(orders, start=1):
        Order.create_from_ui([ui_order(env, closed, partner, lines, payments, number)])
    close(closed)
    archived.active = False
    # the open session, left open for the switch
    opened = env["pos.session"].create({"config_id": config.id})
    opened.set_cashbox_pos(0.0, False)
    orders = [
        (people[0], [(bread, 1)], [(wallet_method, 4.5)]),
        (
            people[7],
            [(bread, 2), (top_up, 20)],
            [(wallet_method, 9.0), (cash_method, 20.0)],
        ),
        (contacts[2], [(bread, 1)], [(wallet_method, 4.5)]),
        (contacts[3], [(top_up, 30)], [(cash_method, 30.0)]),
        (people[8], [(top_up, 15)], [(cash_method, 15.0)]),
        (people[9], [(bread, 4)], [(wallet_method, 18.0)]),
        (people[10], [(bread, 2)], [(wallet_method, 5.0), (cash_method, 4.0)]),
        (households[0], [(bread, 1)], [(wallet_method, 4.5)]),
        (people[3], [(bread, 1)], [(cash_method, 4.5)]),
    ]
    for number, (partner, lines, payments) in enumerate(orders, start=1):
        Order.create_from_ui([ui_order(env, opened, partner, lines, payments, number)])
    # an order invoiced at the till, paid from the wallet
    order = ui_order(env, opened, people[11], [(bread, 2)], [(wallet_method, 9.0)], 20)
    order["to_invoice"] = order["data"]["to_invoice"] = True
    Order.create_from_ui([order])
    env.cr.commit()
    return {
        "company_id": company.id,
        "account_id": account.id,
        "journal_id": journal.id,
        "bank_journal_id": bank.id,
        "wallet_method_id": wallet_method.id,
        "cash_method_id": cash_method.id,
        "config_id": config.id,
        "top_up_product_id": top_up.id,
        "product_id": bread.id,
        "cashier_id": cashier.id,
        "shop_admin_id": shop_admin.id,
        "portal_login": portal_member.login,
        "closed_session_id": closed.id,
        "open_session_id": opened.id,
        "wallet_ids": wallets.ids,
        "member_ids": members.ids,
        "household_ids": households.ids,
        "archived_id": archived.id,
        "names": {str(p.id): p.name for p in wallets},
        "digits": company.currency_id.decimal_places,
    }


def configuration(env, state):
    """What the shop configured, to check it is kept."""
    company = env["res.company"].browse(state["company_id"])
    journal = env["account.journal"].browse(state["journal_id"])
    method = env["pos.payment.method"].browse(state["wallet_method_id"])
    product = env["product.product"].browse(state["top_up_product_id"])
    return {
        "wallet account": company.customer_wallet_account_id.id,
        "wallet journal": journal.is_customer_wallet_journal,
        "journal minimum": journal.minimum_wallet_amount,
        "wallet product": product.is_customer_wallet_product,
        "wallet method": method.is_customer_wallet_method,
    }


def phase_shell(env):
    state = load_state()
    if PHASE == "country":
        # a Belgian company, so that accounting installs the Belgian chart
        env.ref("base.main_company").country_id = env.ref("base.be")
        env.cr.commit()
        return
    if PHASE == "history":
        state = history(env)
        save_state(state)
        return
    env = env(context=dict(env.context, active_test=False))
    if PHASE == "before":
        state["before"] = {
            "ledger": ledger(env, state),
            "theirs": displayed(env, state),
            "counts": counts(env, state),
            "config": configuration(env, state),
        }
    elif PHASE == "after":
        company = env["res.company"].browse(state["company_id"])
        partners = env["res.partner"].browse(state["wallet_ids"])
        balances = env["customer.wallet.ledger"]._balances(partners, company)
        state["after"] = {
            "ledger": ledger(env, state),
            "ours": displayed(env, state),
            "service": {str(k): v for k, v in balances.items()},
            "counts": counts(env, state),
            "config": configuration(env, state),
            "modules": modules(env),
            "ledger_check": [list(map(str, row)) for row in _ledger_check(env, state)],
            "statements": _statements(env, state),
            "groups": _groups(env, state),
        }
    elif PHASE == "close":
        session = env["pos.session"].browse(state["open_session_id"])
        close(session)
        env.cr.commit()
        company = env["res.company"].browse(state["company_id"])
        partners = env["res.partner"].browse(state["wallet_ids"])
        balances = env["customer.wallet.ledger"]._balances(partners, company)
        state["closed"] = {
            "ledger": ledger(env, state),
            "ours": displayed(env, state),
            "service": {str(k): v for k, v in balances.items()},
            "counts": counts(env, state),
            "booked": _booked(env, state, session),
            "ledger_check": [list(map(str, row)) for row in _ledger_check(env, state)],
            "statements": _statements(env, state),
        }
    elif PHASE == "rights":
        state["rights"] = _rights(env, state)
    save_state(state)


def _ledger_check(env, state):
    """The wallets whose ledger balance is not the SQL sum of their posted
    items on the wallet account (plus what is pending): [(wallet, ledger, sum)]."""
    company = env["res.company"].browse(state["company_id"])
    ledger_service = env["customer.wallet.ledger"]
    balances = ledger_service._balances(
        env["res.partner"].with_context(active_test=False).search([]), company
    )
    pending = ledger_service._pending_amounts(list(balances), company)
    env.flush_all()
    env.cr.execute(
        """
        SELECT partner.commercial_partner_id, -SUM(line.balance)
          FROM account_move_line line
          JOIN res_partner partner ON partner.id = line.partner_id
         WHERE line.account_id = %s AND line.parent_state = 'posted'
      GROUP BY partner.commercial_partner_id
        """,
        [company.customer_wallet_account_id.id],
    )
    posted = {cid: float(amount) for cid, amount in env.cr.fetchall()}
    return [
        (cid, amount, posted.get(cid, 0.0) + pending.get(cid, 0.0))
        for cid, amount in sorted(balances.items())
        if abs(amount - posted.get(cid, 0.0) - pending.get(cid, 0.0)) >= 0.005
    ]


def _statements(env, state):
    """{wallet: the running balance of the newest row of its statement}, and
    the closings whose wallet items the orders' rows do not add up to."""
    company = env["res.company"].browse(state["company_id"])
    ledger_service = env["customer.wallet.ledger"]
    balances = {}
    for partner in env["res.partner"].browse(state["wallet_ids"]):
        _opening, rows, _total = ledger_service._statement_rows(
            partner, company, limit=1, newest_first=True
        )
        balances[str(partner.id)] = rows[0]["balance"] if rows else 0.0
    drift = ledger_service._statement_drift(company)
    return {"balances": balances, "drift": [list(map(str, row)) for row in drift]}


def _groups(env, state):
    users = env["res.users"].browse([state["cashier_id"], state["shop_admin_id"]])
    names = (
        "account_customer_wallet.group_customer_wallet_user",
        "account_customer_wallet.group_customer_wallet_manager",
        "point_of_sale.group_pos_user",
    )
    return {
        user.login: [name for name in names if user.has_group(name)] for user in users
    }


def _booked(env, state, session):
    """{wallet: [wallet items of the session's entry for it, their sum]}."""
    env.flush_all()
    env.cr.execute(
        """
        SELECT COALESCE(partner.commercial_partner_id, partner.id),
               COUNT(*), -SUM(line.balance)
          FROM account_move_line line
          JOIN res_partner partner ON partner.id = line.partner_id
         WHERE line.account_id = %(account)s
           AND line.parent_state = 'posted'
           AND (line.move_id = %(move)s
                OR line.move_id IN (SELECT payment.move_id FROM account_payment payment
                                     WHERE payment.pos_session_id = %(session)s))
      GROUP BY 1
        """,
        {
            "account": state["account_id"],
            "move": session.move_id.id,
            "session": session.id,
        },
    )
    return {str(row[0]): [row[1], float(row[2])] for row in env.cr.fetchall()}


def _rights(env, state):
    """A shop admin tops up, a cashier sells and takes wallet payments in a
    new session and closes it: their figures, or what refused them."""
    company = env["res.company"].browse(state["company_id"])
    cashier = env["res.users"].browse(state["cashier_id"])
    shop_admin = env["res.users"].browse(state["shop_admin_id"])
    wallets = env["res.partner"].browse(state["wallet_ids"])
    payer, topped_up, admin_wallet = wallets[0], wallets[1], wallets[2]
    ledger_service = env["customer.wallet.ledger"]

    def balances():
        found = ledger_service._balances(payer | topped_up | admin_wallet, company)
        return [found.get(p.id, 0.0) for p in (payer, topped_up, admin_wallet)]

    result = {"before": balances(), "steps": []}

    def step(name, function):
        try:
            with env.cr.savepoint():
                function()
            result["steps"].append([name, "ok"])
        except Exception as error:  # noqa: B902 - reported, the check fails
            result["steps"].append([name, "refused: %s" % error])

    def admin_top_up():
        wizard = (
            env["customer.wallet.top.up"]
            .with_user(shop_admin)
            .with_context(active_model="res.partner", active_id=admin_wallet.id)
            .create(
                {
                    "partner_id": admin_wallet.id,
                    "amount": 30.0,
                    "journal_id": state["bank_journal_id"],
                }
            )
        )
        wizard.action_confirm()

    step("shop admin tops up %s by 30.00" % admin_wallet.name, admin_top_up)
    config = env["pos.config"].with_user(cashier).browse(state["config_id"])
    method = env["pos.payment.method"].browse(state["wallet_method_id"])
    cash = env["pos.payment.method"].browse(state["cash_method_id"])
    top_up = env["product.product"].browse(state["top_up_product_id"])
    bread = env["product.product"].browse(state["product_id"])
    sessions = []

    def open_session():
        config.open_ui()
        session = config.current_session_id
        session.set_cashbox_pos(0.0, False)
        sessions.append(session)

    step("cashier opens a session", open_session)

    def pay():
        session = sessions[0].with_user(cashier)
        order = ui_order(
            env(user=cashier), session, payer, [(bread, 2)], [(method, 9.0)], 1
        )
        # the till asks first, for the order's name (a hold until it syncs)
        asked = session.check_customer_wallet_debit(
            payer.id, 9.0, method.id, order["data"]["name"]
        )
        if not asked["allowed"]:
            raise RuntimeError(asked.get("message"))
        env["pos.order"].with_user(cashier).create_from_ui([order])
        order = ui_order(
            env(user=cashier), session, topped_up, [(top_up, 12)], [(cash, 12.0)], 2
        )
        env["pos.order"].with_user(cashier).create_from_ui([order])

    step(
        "cashier takes 9.00 from %s, sells a 12.00 top-up to %s"
        % (payer.name, topped_up.name),
        pay,
    )
    result["pending"] = balances()

    def close_session():
        close(sessions[0].with_user(cashier))

    step("cashier closes the session", close_session)
    result["after"] = balances()
    result["ledger_check"] = [list(map(str, row)) for row in _ledger_check(env, state)]
    env.cr.commit()
    return result


# ----------------------------------------------------------------------
# The report (plain Python)
# ----------------------------------------------------------------------


def money(value, digits):
    return "%.*f" % (digits, value)


def _same(state):
    def same(left, right):
        return round(left - right, state["digits"]) == 0

    return same


def report_table(state, problems):
    """Each wallet before, after the update and after the closing.

    :return: (wallets that differ, wallets their module showed off the ledger)
    """
    digits, same = state["digits"], _same(state)
    before, after, closed = state["before"], state["after"], state["closed"]
    line = "%-28s %10s %10s %10s %10s %10s %6s"
    header = line % ("wallet", "theirs", "before", "updated", "closed", "diff", "")
    print(header)
    print("-" * len(header))
    differences = shown_off = 0
    for key in sorted(before["ledger"], key=lambda k: state["names"][k]):
        expected = before["ledger"][key]["balance"]
        read = (
            after["ours"][key],
            after["service"].get(key, 0.0),
            closed["ours"][key],
            closed["ledger"][key]["balance"],
        )
        flags = []
        if not same(before["theirs"][key], expected):
            shown_off += 1
            flags.append("*")
        if not all(same(value, expected) for value in read):
            differences += 1
            flags.append("DIFF")
        name = state["names"][key]
        if int(key) in state["household_ids"]:
            name += " (household)"
        if int(key) == state["archived_id"]:
            name += " (archived)"
        print(
            line
            % (
                name[:28],
                money(before["theirs"][key], digits),
                money(expected, digits),
                money(read[0], digits),
                money(read[2], digits),
                money(max((v - expected for v in read), key=abs), digits),
                " ".join(flags),
            )
        )
    print()
    print("theirs: what Coop IT Easy's module showed; before: the ledger before the")
    print("switch (posted wallet items + pending orders of open sessions); updated:")
    print("ours after -u; closed: ours after closing the open session. *: their")
    print("module showed another amount than the ledger.")
    print()
    if differences:
        problems.append("%s wallets differ from the ledger" % differences)
    return differences, shown_off


def report_checks(state, problems):
    """The first closing, the configuration, the modules, the totals.

    :return: the number of wallet items the first closing booked
    """
    same = _same(state)
    before, after, closed = state["before"], state["after"], state["closed"]
    # the closing books what was pending, once per wallet (one item for its
    # wallet payments, one for its top-ups)
    booked_twice = []
    booked_items = 0
    for key, entry in before["ledger"].items():
        items, amount = closed["booked"].get(key, [0, 0.0])
        booked_items += items
        if not same(amount, entry["pending"]) or items > 2:
            booked_twice.append(state["names"][key])
    if booked_twice:
        problems.append(
            "the first closing did not book once what was pending: %s"
            % ", ".join(booked_twice)
        )
    for name, value in before["config"].items():
        if after["config"][name] != value:
            problems.append(
                "%s changed: %s -> %s" % (name, value, after["config"][name])
            )
    problems.extend(after["modules"])
    # a cashier is given no wallet group (their closings' payments are the
    # till's, not the backend's)
    wallet_groups = [
        group
        for group in after["groups"].get("switch_cashier", [])
        if group.startswith("account_customer_wallet.")
    ]
    if wallet_groups:
        problems.append("the cashier was given %s" % ", ".join(wallet_groups))
    for phase in ("after", "closed"):
        if state[phase]["ledger_check"]:
            problems.append(
                "the balances differ from the sums of the items (%s)" % phase
            )
        statements = state[phase]["statements"]
        off = [
            state["names"][key]
            for key, balance in statements["balances"].items()
            if not same(balance, before["ledger"][key]["balance"])
        ]
        if off:
            problems.append(
                "the statements of %s do not end on their balance (%s)"
                % (", ".join(off), phase)
            )
        if statements["drift"]:
            problems.append(
                "the orders' rows of %s closings do not add up to their wallet "
                "items (%s)" % (len(statements["drift"]), phase)
            )
    return booked_items


def report_summary(state, differences, shown_off, booked_items):
    before, after, closed = state["before"], state["after"], state["closed"]
    wallets = before["ledger"].values()
    print(
        "wallets:       %s (%s households, 1 archived, %s with open-session orders)"
        % (
            len(wallets),
            len(state["household_ids"]),
            sum(1 for entry in wallets if entry["pending_orders"]),
        )
    )
    print("members:       %s partners" % len(state["member_ids"]))
    print(
        "journal items: %s on the wallet account before, %s after the update, "
        "%s after closing"
        % tuple(phase["counts"]["items"] for phase in (before, after, closed))
    )
    print(
        "orders:        %s paid from a wallet, %s with top-ups, %s pending at the "
        "switch"
        % (
            before["counts"]["wallet_orders"],
            before["counts"]["top_up_orders"],
            sum(entry["pending_orders"] for entry in wallets),
        )
    )
    print(
        "first closing: %s wallet items for %s wallets, each its pending amount"
        % (booked_items, len(closed["booked"]))
    )
    print(
        "their module:  %s of %s wallets shown off the ledger before the switch"
        % (shown_off, len(wallets))
    )
    print(
        "groups after:  %s"
        % "; ".join(
            "%s: %s" % (login, ", ".join(g.split(".")[-1] for g in groups) or "-")
            for login, groups in sorted(after["groups"].items())
        )
    )
    print("differences:   %s" % differences)


def report_rights(state, problems):
    rights = state.get("rights")
    if not rights:
        problems.append("the shop admin's and the cashier's steps did not run")
        return
    digits, same = state["digits"], _same(state)
    print()
    print("after the switch, as the shop admin and the cashier:")
    for name, outcome in rights["steps"]:
        print("  %-68s %s" % (name, outcome))
        if outcome != "ok":
            problems.append("%s: %s" % (name, outcome))
    print(
        "  balances (payer, topped up at the till, topped up by the admin):"
        "\n    before %s, pending %s, after closing %s"
        % tuple(
            "/".join(money(v, digits) for v in rights[k])
            for k in ("before", "pending", "after")
        )
    )
    expected = [
        rights["before"][0] - 9.0,
        rights["before"][1] + 12.0,
        rights["before"][2] + 30.0,
    ]
    for label in ("pending", "after"):
        if not all(same(a, b) for a, b in zip(rights[label], expected)):
            problems.append(
                "balances %s the cashier's session: %s, expected %s"
                % (label, rights[label], expected)
            )
    if rights["ledger_check"]:
        problems.append(
            "the balances differ from the sums of the items after the cashier's "
            "session"
        )


def report_portal(state, problems):
    seen = state.get("portal")
    if not seen:
        problems.append("the member's portal pages were not read")
        return
    print(
        "  member's portal: /my/home %s%s, /my/wallet %s showing the balance %s"
        " (expected %s)"
        % (
            seen["home"],
            " (links /my/wallet)" if seen["home_links_wallet"] else "",
            seen["wallet"],
            seen["shown"],
            seen["expected"],
        )
    )
    if not (
        seen["home"] == 200
        and seen["home_links_wallet"]
        and seen["wallet"] == 200
        and seen["balance_shown"]
    ):
        problems.append("the member's portal pages do not show the wallet")


def report():
    state = load_state()
    problems = []
    differences, shown_off = report_table(state, problems)
    booked_items = report_checks(state, problems)
    report_summary(state, differences, shown_off, booked_items)
    report_rights(state, problems)
    report_portal(state, problems)
    print()
    if problems:
        print("switch check FAILED:")
        for problem in problems:
            print("  - %s" % problem)
        return 1
    print("switch check passed: every balance identical, 0 differences")
    return 0


def portal():
    """The member reads their wallet on the portal of the switched database
    (Odoo serving it on SWITCH_URL): /my/home links to it, /my/wallet shows
    the balance."""
    import re

    import requests

    state = load_state()
    url = os.environ["SWITCH_URL"]
    login = state["portal_login"]
    browser = requests.Session()
    page = browser.get(url + "/web/login", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    browser.post(
        url + "/web/login",
        data={"login": login, "password": login, "csrf_token": token},
        timeout=60,
    )
    home = browser.get(url + "/my/home", timeout=60)
    wallet = browser.get(url + "/my/wallet", timeout=60)
    expected = money(state["rights"]["after"][0], state["digits"])
    # the balance as the page shows it (the element of class o_wallet_balance)
    shown = re.search(
        r'<strong[^>]*class="[^"]*o_wallet_balance[^"]*"[^>]*>(.*?)</strong>',
        wallet.text,
        re.S,
    )
    if shown:
        shown = re.sub(r"<[^>]+>|&nbsp;|\s+", " ", shown.group(1)).split()
        shown = " ".join(shown)
    state["portal"] = {
        "home": home.status_code,
        "home_links_wallet": "/my/wallet" in home.text,
        "wallet": wallet.status_code,
        "balance_shown": bool(shown)
        and bool(re.search(r"(^|[^\d.,])%s($|[^\d])" % re.escape(expected), shown)),
        "shown": shown,
        "expected": expected,
    }
    save_state(state)


if PHASE == "report":
    sys.exit(report())
elif PHASE == "portal":
    portal()
else:
    phase_shell(env)  # noqa: F821 - given by Odoo's shell
