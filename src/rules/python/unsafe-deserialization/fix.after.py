import yaml
import torch
from flask import request


def load_config():
    return yaml.safe_load(request.data)


def load_all_docs():
    return list(yaml.safe_load_all(request.files["docs"].read()))


def restore(path):
    model = torch.load(request.args["checkpoint"], weights_only=True)
    return model
