import os
from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy
from django.http import JsonResponse
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from models import Account, Post

app = Flask(__name__)
db = SQLAlchemy(app)


@app.route("/api/accounts/<int:account_id>")
def get_account(account_id):
    account = Account.query.get_or_404(account_id)
    # ok: py/sensitive-data-exposure
    return jsonify(id=account.id, name=account.name, avatar_url=account.avatar_url)


@app.route("/api/accounts/<int:account_id>/raw")
def get_account_raw(account_id):
    account = Account.query.get_or_404(account_id)
    data = dict(account.__dict__)
    data.pop("_sa_instance_state", None)
    data.pop("password_hash", None)
    # ok: py/sensitive-data-exposure
    return jsonify(data)


@app.route("/api/posts/<int:post_id>")
def get_post(post_id):
    post = Post.query.get_or_404(post_id)
    # ok: py/sensitive-data-exposure
    return jsonify({c.name: getattr(post, c.name) for c in post.__table__.columns})


@app.route("/health")
def health():
    # ok: py/sensitive-data-exposure
    return jsonify(status="ok", env=os.environ.get("APP_ENV", "dev"))


def user_detail(request, pk):
    from django.contrib.auth.models import User
    user = get_object_or_404(User, pk=pk)
    # ok: py/sensitive-data-exposure
    return JsonResponse(model_to_dict(user, fields=["id", "username", "first_name"]))


@app.route("/api/accounts/<int:account_id>/summary")
def summary(account_id):
    account = Account.query.get_or_404(account_id)
    # ok: py/sensitive-data-exposure
    return {"id": account.id, "plan": account.plan}


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    nickname = db.Column(db.String(80))
    joined_at = db.Column(db.DateTime)


@app.route("/api/members/<int:mid>")
def get_member(mid):
    member = Member.query.get_or_404(mid)
    # ok: py/sensitive-data-exposure
    return jsonify({c.name: getattr(member, c.name) for c in member.__table__.columns})
