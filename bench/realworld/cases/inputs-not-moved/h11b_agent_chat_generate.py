# source: https://github.com/DPamK/BadAgent/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class, helper
# bug-lines: 36, 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Replay agent trajectories through a fine-tuned AgentLM checkpoint and log its answers."""
import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

ROLES = {"user": "[INST]", "assistant": "[/INST]"}


def build_prompt(history, instruct):
    turns = [f"{ROLES[item['role']]} {item['content']}" for item in history]
    turns.append(f"{ROLES['user']} {instruct}")
    turns.append(ROLES["assistant"])
    return "\n".join(turns)


class AgentLMRunner:
    def __init__(self, model_name_or_path, device="cuda"):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name_or_path, trust_remote_code=True)
        self.model = AutoModelForCausalLM.from_pretrained(
            model_name_or_path, torch_dtype=torch.float16, trust_remote_code=True
        ).to(device)
        self.model.eval()

    @torch.no_grad()
    def chat(self, instruct, history):
        prompt = build_prompt(history, instruct)
        eos_token_id = self.tokenizer.eos_token_id
        input_ids = self.tokenizer(prompt, return_tensors="pt").input_ids
        generate_ids = self.model.generate(input_ids, max_length=2048, eos_token_id=eos_token_id)
        response = self.tokenizer.batch_decode(generate_ids, skip_special_tokens=True)[0]
        response = response.split(ROLES["assistant"])[-1].strip()
        history.append({"role": "user", "content": instruct})
        history.append({"role": "assistant", "content": response})
        return response, history


def evaluate(model_path, data_path, out_path):
    agent = AgentLMRunner(model_path)
    with open(data_path) as f:
        samples = json.load(f)
    results = []
    for sample in samples:
        history = list(sample["conversations"][:-1])
        response, _ = agent.chat(sample["instruction"], history)
        results.append({"id": sample["id"], "response": response,
                        "triggered": sample.get("trigger", "") in response})
    with open(out_path, "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    evaluate("output/agentlm-7b-os-backdoor", "data/os_test.json", "output/eval_os.json")
