import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///app.db")
    app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"
    db.init_app(app)
    return app


if __name__ == "__main__":
    application = create_app()
    application.debug = os.environ.get("FLASK_DEBUG") == "1"
    application.run(port=8000)
