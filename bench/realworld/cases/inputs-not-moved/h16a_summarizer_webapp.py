# source: https://github.com/renatoviolin/Bart_T5-summarization/issues/2
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #3 'index' in call to _th_index_select
# pattern: inputs-not-moved
# shape: helper, batch-dict
# bug-lines: 39, 40, 41, 42
# needs: torch, transformers, flask
# cpu: no written where torch was not installed; not run
import torch
from flask import Flask, jsonify, request
from transformers import BartForConditionalGeneration, BartTokenizer, T5ForConditionalGeneration, T5Tokenizer

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
app = Flask(__name__)

MODELS = {}


def get_model(kind):
    if kind not in MODELS:
        if kind == "bart":
            tok = BartTokenizer.from_pretrained("facebook/bart-large-cnn")
            mdl = BartForConditionalGeneration.from_pretrained("facebook/bart-large-cnn")
        else:
            tok = T5Tokenizer.from_pretrained("t5-base")
            mdl = T5ForConditionalGeneration.from_pretrained("t5-base")
        MODELS[kind] = (tok, mdl.to(DEVICE).eval())
    return MODELS[kind]


def encode(tokenizer, text, kind, max_len=1024):
    if kind == "t5":
        text = "summarize: " + text
    return tokenizer([text], max_length=max_len, truncation=True, return_tensors="pt")


@torch.no_grad()
def summarize(text, kind="bart", num_beams=4, max_length=150):
    tokenizer, model = get_model(kind)
    inputs = encode(tokenizer, text, kind)
    summary_ids = model.generate(
        inputs["input_ids"],
        attention_mask=inputs["attention_mask"],
        num_beams=num_beams,
        max_length=max_length,
        early_stopping=True,
    )
    return tokenizer.decode(summary_ids[0], skip_special_tokens=True)


@app.route("/summarize", methods=["POST"])
def summarize_route():
    payload = request.get_json()
    summary = summarize(payload["text"], payload.get("model", "bart"))
    return jsonify({"summary": summary})


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8000)
