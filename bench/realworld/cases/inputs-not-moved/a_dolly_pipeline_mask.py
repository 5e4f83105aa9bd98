# source: https://github.com/databrickslabs/dolly/pull/180
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, batch-dict
# bug-lines: 63, 69
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

INSTRUCTION_KEY = "### Instruction:"
RESPONSE_KEY = "### Response:"


class TinyCausalLM(nn.Module):
    def __init__(self, vocab=128, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.lm_head = nn.Linear(dim, vocab)

    @property
    def device(self):
        return next(self.parameters()).device

    @torch.no_grad()
    def generate(self, input_ids, attention_mask=None, max_new_tokens=8, pad_token_id=0):
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        for _ in range(max_new_tokens):
            h = self.embed(input_ids) * attention_mask.unsqueeze(-1)
            h = h.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1)
            next_tok = self.lm_head(h).argmax(-1, keepdim=True)
            input_ids = torch.cat([input_ids, next_tok], dim=1)
            attention_mask = torch.cat([attention_mask, torch.ones_like(next_tok)], dim=1)
        return input_ids


class CharTokenizer:
    pad_token_id = 0

    def __call__(self, text):
        ids = [min(ord(c), 127) for c in text]
        return {"input_ids": torch.tensor([ids]), "attention_mask": torch.ones(1, len(ids), dtype=torch.long)}

    def decode(self, ids):
        return "".join(chr(i) for i in ids if i > 0)


class InstructionTextGenerationPipeline:
    def __init__(self, model, tokenizer, max_new_tokens=8):
        self.model = model
        self.tokenizer = tokenizer
        self.max_new_tokens = max_new_tokens

    def preprocess(self, instruction_text):
        prompt_text = f"{INSTRUCTION_KEY}\n{instruction_text}\n\n{RESPONSE_KEY}\n"
        inputs = self.tokenizer(prompt_text)
        inputs["prompt_text"] = prompt_text
        return inputs

    def _forward(self, model_inputs):
        input_ids = model_inputs["input_ids"]
        attention_mask = model_inputs.get("attention_mask", None)
        if input_ids.shape[1] == 0:
            input_ids = None
            attention_mask = None
        generated_sequence = self.model.generate(
            input_ids=input_ids.to(self.model.device),
            attention_mask=attention_mask,
            pad_token_id=self.tokenizer.pad_token_id,
            max_new_tokens=self.max_new_tokens,
        )
        return {"generated_sequence": generated_sequence, "input_ids": input_ids}

    def postprocess(self, model_outputs):
        seq = model_outputs["generated_sequence"][0].cpu().tolist()
        return self.tokenizer.decode(seq[model_outputs["input_ids"].shape[1]:])

    def __call__(self, instruction_text):
        return self.postprocess(self._forward(self.preprocess(instruction_text)))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = TinyCausalLM().to(device).eval()
    generate_text = InstructionTextGenerationPipeline(model=model, tokenizer=CharTokenizer())
    print(repr(generate_text("Explain to me the difference between nuclear fission and fusion.")))
