# source: https://github.com/OedoSoldier/chatglm_webui/issues/7
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: top-level, helper
# bug-lines: 22
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Tiny terminal front-end for a locally downloaded ChatGLM-6B checkpoint."""
import argparse
import json
import os

import torch
from transformers import AutoModel, AutoTokenizer

parser = argparse.ArgumentParser(description="ChatGLM local chat")
parser.add_argument("--path", default="chatglm-6b")
parser.add_argument("--history-file", default="chat_history.json")
args = parser.parse_args()

tokenizer = AutoTokenizer.from_pretrained(args.path, trust_remote_code=True)
model = AutoModel.from_pretrained(args.path, trust_remote_code=True).half().cuda()
model = model.eval()


def load_history(path):
    if not os.path.isfile(path):
        return []
    with open(path, "r", encoding="utf-8") as f:
        return [tuple(turn) for turn in json.load(f)]


def save_history(path, history):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(history, f, ensure_ascii=False, indent=2)


def chat_once(query, history, max_length=2048, top_p=0.7, temperature=0.95, memory=4):
    if memory > 0:
        history = history[-memory:]
    with torch.no_grad():
        reply, history = model.chat(tokenizer, query, history=history,
                                    max_length=max_length, top_p=top_p,
                                    temperature=temperature)
    return reply, history


def main():
    history = load_history(args.history_file)
    print("ChatGLM ready, type 'exit' to quit, 'clear' to reset the conversation")
    while True:
        query = input("\nUser: ").strip()
        if query == "exit":
            break
        if query == "clear":
            history = []
            continue
        if not query:
            continue
        reply, history = chat_once(query, history)
        print(f"ChatGLM: {reply}")
        save_history(args.history_file, history)


if __name__ == "__main__":
    main()
