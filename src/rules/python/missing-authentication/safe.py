import os
import secrets
import signal

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from flask import Blueprint, Flask, abort, jsonify, request
from flask_login import current_user, login_required
from werkzeug.security import generate_password_hash

from auth import admin_required, get_current_admin
from db import db, get_user, save_user, User
from cache import redis_client

app = Flask(__name__)
admin = Blueprint("admin", __name__, url_prefix="/admin")


# ok: py/missing-authentication
@app.route("/admin/users/<int:user_id>/reset-password", methods=["POST"])
@login_required
@admin_required
def admin_reset_password(user_id):
    user = get_user(user_id)
    temporary = secrets.token_urlsafe(12)
    user.password_hash = generate_password_hash(temporary)
    save_user(user)
    return jsonify({"temporary_password": temporary})


# ok: py/missing-authentication
@admin.delete("/users/<int:user_id>")
def delete_user(user_id):
    if not current_user.is_authenticated or not current_user.is_admin:
        abort(403)
    db.session.delete(User.query.get_or_404(user_id))
    db.session.commit()
    return "", 204


# ok: py/missing-authentication
@app.get("/admin/stats")
def stats():
    return jsonify(users=User.query.count())


# ok: py/missing-authentication
@app.post("/users/<int:user_id>/delete")
def delete_account(user_id):
    db.session.delete(User.query.get_or_404(user_id))
    db.session.commit()
    return "", 204


api = FastAPI()
router = APIRouter(prefix="/maintenance")


# ok: py/missing-authentication
@api.post("/maintenance/flush-cache")
async def flush_cache(admin=Depends(get_current_admin)):
    redis_client.flushall()
    return {"status": "flushed"}


# ok: py/missing-authentication
@api.post("/maintenance/shutdown")
async def shutdown(x_admin_token: str = Header(...)):
    if not secrets.compare_digest(x_admin_token, os.environ["ADMIN_TOKEN"]):
        raise HTTPException(status_code=401)
    os.kill(os.getpid(), signal.SIGTERM)
    return {"status": "stopping"}


# ok: py/missing-authentication
@router.post("/maintenance/reindex", dependencies=[Depends(get_current_admin)])
def reindex():
    db.session.execute("DELETE FROM search_index")
    return {"ok": True}
