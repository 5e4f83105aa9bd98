# source: https://github.com/zai-org/ChatGLM3/issues/177
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# bug-lines: 21, 22
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Model client shared by the streamlit demo pages."""
import os

import torch
from transformers import AutoModel, AutoTokenizer

MODEL_PATH = os.environ.get("MODEL_PATH", "THUDM/chatglm3-6b")


class HFClient:
    def __init__(self, device, model_path=MODEL_PATH):
        self.device = device
        self.tokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=True)
        model = AutoModel.from_pretrained(model_path, trust_remote_code=True, torch_dtype=torch.float16)
        self.model = model.to(self.device).eval()

    def build_inputs(self, query, history, system=None):
        messages = []
        if system:
            messages.append({"role": "system", "content": system})
        for user_turn, bot_turn in history:
            messages.append({"role": "user", "content": user_turn})
            messages.append({"role": "assistant", "content": bot_turn})
        messages.append({"role": "user", "content": query})
        ids = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True,
                                                 return_tensors="pt")
        return ids.to(self.device)

    @torch.no_grad()
    def generate_stream(self, query, history, system=None, max_new_tokens=512,
                        top_p=0.8, temperature=0.8):
        input_ids = self.build_inputs(query, history, system)
        generated = input_ids
        past = None
        step_ids = input_ids
        for _ in range(max_new_tokens):
            out = self.model(input_ids=step_ids, past_key_values=past, use_cache=True)
            past = out.past_key_values
            probs = torch.softmax(out.logits[:, -1] / temperature, dim=-1)
            sorted_p, sorted_idx = probs.sort(descending=True)
            sorted_p[sorted_p.cumsum(-1) - sorted_p > top_p] = 0
            next_id = sorted_idx.gather(-1, torch.multinomial(sorted_p, 1))
            if next_id.item() == self.tokenizer.eos_token_id:
                break
            generated = torch.cat([generated, next_id], dim=-1)
            step_ids = next_id
            yield self.tokenizer.decode(generated[0, input_ids.shape[1]:])
