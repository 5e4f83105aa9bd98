# source: https://github.com/chatchat-space/Langchain-Chatchat/issues/484
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 24, 26, 27
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import os

import torch
from transformers import AutoModel, AutoTokenizer

LLM_MODEL_PATH = os.environ.get("LLM_MODEL_PATH", "THUDM/chatglm2-6b")


def pick_device():
    if torch.cuda.is_available():
        return "cuda"
    return "cpu"


def load_llm(model_path=LLM_MODEL_PATH, device=None):
    device = device or pick_device()
    params = {"trust_remote_code": True, "torch_dtype": torch.float16}
    tokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=True)
    model = AutoModel.from_pretrained(model_path, **params)
    model = model.to(device).eval()
    return tokenizer, model


def answer_with_context(tokenizer, model, question, docs, history=None):
    context = "\n".join(f"[{i + 1}] {d}" for i, d in enumerate(docs))
    prompt = (
        "Answer the question using only the known information below.\n"
        f"Known information:\n{context}\n\nQuestion: {question}"
    )
    response, history = model.chat(tokenizer, prompt, history=history or [])
    return response, history


if __name__ == "__main__":
    tok, llm = load_llm()
    docs = ["The warranty covers parts and labour for 24 months.",
            "Batteries are covered for 12 months only."]
    print(answer_with_context(tok, llm, "How long is the battery covered?", docs)[0])
