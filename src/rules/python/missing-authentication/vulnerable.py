import os
import secrets
import signal
import subprocess

from fastapi import APIRouter, Depends, FastAPI
from flask import Blueprint, Flask, jsonify
from werkzeug.security import generate_password_hash

from db import db, get_user, save_user, User
from cache import redis_client

app = Flask(__name__)
admin = Blueprint("admin", __name__, url_prefix="/admin")


# ruleid: py/missing-authentication
@app.route("/admin/users/<int:user_id>/reset-password", methods=["POST"])
def admin_reset_password(user_id):
    """Give the user a new temporary password and return it."""
    user = get_user(user_id)
    temporary = secrets.token_urlsafe(12)
    user.password_hash = generate_password_hash(temporary)
    save_user(user)
    return jsonify({"temporary_password": temporary})


# ruleid: py/missing-authentication
@admin.delete("/users/<int:user_id>")
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    db.session.delete(user)
    db.session.commit()
    return "", 204


# ruleid: py/missing-authentication
@app.get("/internal/backup")
def run_backup():
    out = subprocess.check_output(["pg_dump", "-Fc", "shop"])
    with open("/var/backups/shop.dump", "wb") as f:
        f.write(out)
    return jsonify(ok=True)


api = FastAPI()
router = APIRouter(prefix="/maintenance")


def get_db():
    yield db


# ruleid: py/missing-authentication
@api.post("/maintenance/flush-cache")
async def flush_cache():
    redis_client.flushall()
    return {"status": "flushed"}


# ruleid: py/missing-authentication
@api.post("/maintenance/shutdown")
async def shutdown():
    os.kill(os.getpid(), signal.SIGTERM)
    return {"status": "stopping"}


# ruleid: py/missing-authentication
@router.api_route("/maintenance/tables/{name}", methods=["DELETE"])
def drop_table(name: str, conn=Depends(get_db)):
    conn.execute("DROP TABLE IF EXISTS archive")
    return {"dropped": name}


# Django function views are routed in urls.py, so their paths are unknown here.
from django.views.decorators.http import require_POST


@require_POST
# todoruleid: py/missing-authentication
def purge_all_sessions(request):
    from django.contrib.sessions.models import Session as DjangoSession
    DjangoSession.objects.all().delete()
    return JsonResponse({"ok": True})
