# source: https://github.com/abhishekkrthakur/bert-sentiment/issues/4
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# bug-lines: 60
# needs: torch, transformers, flask
# cpu: no written where torch was not installed; not run
import time

import flask
import torch
import torch.nn as nn
from flask import Flask, request

import config
from model import BERTBaseUncased

app = Flask(__name__)
MODEL = None
DEVICE = config.DEVICE


def encode_sentence(sentence):
    tokenizer = config.TOKENIZER
    review = " ".join(str(sentence).split())
    inputs = tokenizer.encode_plus(review, None, add_special_tokens=True,
                                   max_length=config.MAX_LEN, truncation=True)
    padding = config.MAX_LEN - len(inputs["input_ids"])
    ids = inputs["input_ids"] + [0] * padding
    mask = inputs["attention_mask"] + [0] * padding
    token_type_ids = inputs["token_type_ids"] + [0] * padding
    return {name: torch.tensor(values, dtype=torch.long).unsqueeze(0)
            for name, values in (("ids", ids), ("mask", mask), ("token_type_ids", token_type_ids))}


def sentence_prediction(sentence):
    batch = encode_sentence(sentence)
    batch = {k: v.to(DEVICE) for k, v in batch.items()}
    with torch.no_grad():
        outputs = MODEL(ids=batch["ids"], mask=batch["mask"], token_type_ids=batch["token_type_ids"])
    return torch.sigmoid(outputs).cpu().numpy()[0][0]


@app.route("/predict")
def predict():
    sentence = request.args.get("sentence")
    start_time = time.time()
    positive_prediction = sentence_prediction(sentence)
    response = {"response": {
        "positive": str(positive_prediction),
        "negative": str(1 - positive_prediction),
        "sentence": str(sentence),
        "time_taken": str(time.time() - start_time),
    }}
    return flask.jsonify(response)


if __name__ == "__main__":
    MODEL = BERTBaseUncased()
    MODEL = nn.DataParallel(MODEL)
    MODEL.load_state_dict(torch.load(config.MODEL_PATH, map_location="cpu"))
    MODEL.eval()
    app.run(host="0.0.0.0", port=9999)
