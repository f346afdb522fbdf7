import os
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    result = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True)
    return jsonify({"output": result.stdout})


@app.route("/lookup")
def lookup():
    domain = request.args["domain"]
    output = subprocess.check_output("nslookup " + domain, shell=True)
    return jsonify({"answer": output.decode()})


@app.route("/search")
def search_logs():
    term = request.args.get("q", "")
    proc = subprocess.run(
        f"grep -n '{term}' /var/log/app.log",
        shell=True,
        capture_output=True,
        text=True,
    )
    return proc.stdout


def compress_backup(backup_dir: str, archive_name: str):
    os.system(f"tar -czf {archive_name} {backup_dir}")


def resize_image(path, width):
    subprocess.call("convert %s -resize %s /tmp/thumb.png" % (path, width), shell=True)
