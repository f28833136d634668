"""The stress's records: one cashier and one point of sale per till, members.

Idempotent: a later run finds its records again, closes the sessions an
interrupted run left open and brings every member back to its initial balance
(near the wallet's limit) with a posted wallet entry.
"""

import random

from odoo import SUPERUSER_ID, Command, api

MEMBERS = 50
PRODUCTS = (("Stress bread", 2.4), ("Stress cheese", 6.9), ("Stress coffee", 11.5))
PREFIX = "stress_till_"


def _env(cr):
    return api.Environment(cr, SUPERUSER_ID, {})


def _till_user(env, number, company):
    login = f"{PREFIX}{number}"
    user = (
        env["res.users"].with_context(active_test=False).search([("login", "=", login)])
    )
    groups = [env.ref("base.group_user").id, env.ref("point_of_sale.group_pos_user").id]
    if not user:
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": f"Stress cashier {number}",
                    "login": login,
                    "password": login,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set(groups)],
                }
            )
        )
    # the session's opening and closing post messages as the cashier
    user.write({"active": True, "email": f"{login}@example.com"})
    return user


def _till_config(env, number, methods):
    name = f"Stress till {number}"
    config = env["pos.config"].search([("name", "=", name)])
    if not config:
        config = env["pos.config"].create(
            {
                "name": name,
                "payment_method_ids": [Command.set(methods.ids)],
                "customer_wallet_offline_policy": "last_known",
            }
        )
    return config


def _members(env):
    Partner = env["res.partner"]
    members = Partner.search([("ref", "=like", "STRESS-%")], order="ref")
    missing = [
        {"name": f"Stress member {n:02d}", "ref": f"STRESS-{n:02d}"}
        for n in range(len(members) + 1, MEMBERS + 1)
    ]
    return (members | Partner.create(missing)).sorted("ref")[:MEMBERS]


def _products(env):
    Product = env["product.product"]
    products = Product
    for name, price in PRODUCTS:
        product = Product.search([("name", "=", name)], limit=1) or Product.create(
            {
                "name": name,
                "detailed_type": "consu",
                "available_in_pos": True,
                "list_price": price,
                "taxes_id": [Command.clear()],
            }
        )
        products |= product
    return products


def close_sessions(env, configs):
    for session in configs.current_session_id:
        session.cash_register_balance_end_real = session.cash_register_balance_end
        session.action_pos_session_closing_control()


def _set_balances(env, members, targets, journal, bank):
    """Post one entry bringing every member's wallet to its target."""
    company = journal.company_id
    account = company.customer_wallet_account_id
    balances = env["customer.wallet.ledger"]._balances(members, company)
    lines = []
    currency = company.currency_id
    for member in members:
        change = currency.round(targets[member.id] - balances.get(member.id, 0.0))
        if currency.is_zero(change):
            continue
        # a credit of the wallet raises its balance
        lines.append(
            Command.create(
                {
                    "account_id": account.id,
                    "partner_id": member.id,
                    "name": "Stress: initial balance",
                    "debit": max(-change, 0.0),
                    "credit": max(change, 0.0),
                }
            )
        )
    if not lines:
        return
    total = sum(line[2]["credit"] - line[2]["debit"] for line in lines)
    lines.append(
        Command.create(
            {
                "account_id": bank.default_account_id.id,
                "name": "Stress: initial balances",
                "debit": max(total, 0.0),
                "credit": max(-total, 0.0),
            }
        )
    )
    # on the wallet journal: its limit applies to the debits
    move = env["account.move"].create(
        {"move_type": "entry", "journal_id": journal.id, "line_ids": lines}
    )
    move.action_post()


def ensure(registry, tills, seed):
    """Create or find the records; reset the balances.

    :return: a dict of ids and amounts the tills and the checks use
    """
    with registry.cursor() as cr:
        env = _env(cr)
        company = env.ref("base.main_company")
        cash = env.ref("pos_customer_wallet.pos_payment_method_cash_demo")
        wallet = env.ref("pos_customer_wallet.pos_payment_method_wallet_demo")
        journal = wallet.journal_id
        bank = env["account.journal"].search(
            [
                ("type", "=", "bank"),
                ("company_id", "=", company.id),
                ("is_customer_wallet_journal", "=", False),
            ],
            limit=1,
        )
        configs = env["pos.config"]
        users = env["res.users"]
        for number in range(1, tills + 1):
            users |= _till_user(env, number, company)
            configs |= _till_config(env, number, cash | wallet)
        all_configs = env["pos.config"].search([("name", "=like", "Stress till %")])
        close_sessions(env, all_configs)
        members = _members(env)
        limit = journal._customer_wallet_minimum()
        rng = random.Random(seed)
        # near the limit: from 2 below it... to 20 above it
        targets = {
            member.id: round(limit + rng.uniform(2.0, 20.0), 2) for member in members
        }
        _set_balances(env, members, targets, journal, bank)
        products = _products(env)
        top_up = env.ref("account_customer_wallet.demo_wallet_product")
        cr.commit()
        balances = env["customer.wallet.ledger"]._balances(members, company)
        return {
            "company": company.id,
            "limit": limit,
            "cash_method": cash.id,
            "wallet_method": wallet.id,
            "account": company.customer_wallet_account_id.id,
            "tills": [
                {"login": user.login, "password": user.login, "config": config.id}
                for user, config in zip(users, configs)
            ],
            "members": {str(member.id): balances[member.id] for member in members},
            "products": [
                {"id": product.id, "price": product.lst_price} for product in products
            ],
            "top_up_product": top_up.id,
        }
