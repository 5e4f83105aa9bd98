# source: https://github.com/thadunge2/AIDungeon/pull/56
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: class, helper
# bug-lines: 28, 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F
from transformers import GPT2LMHeadModel, GPT2Tokenizer


class GPT2StoryGenerator:
    def __init__(self, model_dir, max_history=900, temperature=0.4, top_k=40):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = GPT2Tokenizer.from_pretrained(model_dir)
        self.model = GPT2LMHeadModel.from_pretrained(model_dir)
        self.model.to(self.device)
        self.model.eval()
        self.max_history = max_history
        self.temperature = temperature
        self.top_k = top_k

    def encode_prompt(self, prompt):
        ids = self.tokenizer.encode(prompt)[-self.max_history:]
        context = torch.tensor(ids, dtype=torch.long).unsqueeze(0)
        context.to(self.device)
        return context

    def sample(self, context, length=60, repetition_penalty=1.15):
        generated = context
        past = None
        with torch.no_grad():
            for _ in range(length):
                inputs = generated if past is None else generated[:, -1:]
                out = self.model(inputs, past_key_values=past, use_cache=True)
                past = out.past_key_values
                logits = out.logits[:, -1, :] / self.temperature
                for token in set(generated[0].tolist()):
                    logits[0, token] /= repetition_penalty
                kth = torch.topk(logits, self.top_k)[0][:, -1, None]
                logits[logits < kth] = -float("inf")
                next_token = torch.multinomial(F.softmax(logits, dim=-1), num_samples=1)
                generated = torch.cat((generated, next_token), dim=1)
        return generated[0, context.shape[1]:].tolist()

    def generate(self, prompt):
        context = self.encode_prompt(prompt)
        tokens = self.sample(context)
        text = self.tokenizer.decode(tokens, skip_special_tokens=True)
        return text.split("\n>")[0].strip()


if __name__ == "__main__":
    gen = GPT2StoryGenerator("models/model_v5")
    print(gen.generate("You are a knight living in the kingdom of Larion. You have a steel longsword."))
