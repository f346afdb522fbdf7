import os
from flask import Flask, jsonify
from flask_login import current_user, login_required
from flask_sqlalchemy import SQLAlchemy
from django.http import JsonResponse
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from models import Account

app = Flask(__name__)
db = SQLAlchemy(app)


class Customer(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
    password_hash = db.Column(db.String(128))


@app.route("/api/accounts/<int:account_id>")
def get_account(account_id):
    """Return the account as JSON for the profile screen."""
    account = Account.query.get_or_404(account_id)
    data = account.__dict__.copy()
    data.pop("_sa_instance_state", None)
    # ruleid: py/sensitive-data-exposure
    return jsonify(data)


@app.route("/api/customers/<int:cid>")
def get_customer(cid):
    c = db.session.get(Customer, cid)
    # ruleid: py/sensitive-data-exposure
    return jsonify({col.name: getattr(c, col.name) for col in c.__table__.columns})


@app.get("/api/me")
@login_required
def me():
    # ruleid: py/sensitive-data-exposure
    return jsonify(user=vars(current_user))


@app.route("/debug/env")
def env():
    # ruleid: py/sensitive-data-exposure
    return jsonify(dict(os.environ))


@app.route("/debug/config")
def config_dump():
    settings = {**os.environ}
    # ruleid: py/sensitive-data-exposure
    return {"version": "1.0", "env": settings}


def user_detail(request, pk):
    from django.contrib.auth.models import User
    user = get_object_or_404(User, pk=pk)
    # ruleid: py/sensitive-data-exposure
    return JsonResponse(model_to_dict(user))
