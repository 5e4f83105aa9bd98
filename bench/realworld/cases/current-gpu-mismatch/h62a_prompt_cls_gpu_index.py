# source: https://github.com/thunlp/OpenPrompt/pull/159
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: current-gpu-mismatch
# shape: class, loader-loop, batch-dict
# bug-lines: 42, 57
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from transformers import AutoModelForMaskedLM, AutoTokenizer


class PromptClassifier(nn.Module):
    """Cloze-style sentiment classifier: '<text> It was [MASK].' scored on verbalizer words."""

    def __init__(self, plm_name, label_words):
        super().__init__()
        self.tokenizer = AutoTokenizer.from_pretrained(plm_name)
        self.plm = AutoModelForMaskedLM.from_pretrained(plm_name)
        ids = [self.tokenizer.convert_tokens_to_ids(w) for w in label_words]
        self.register_buffer("verbalizer_ids", torch.tensor(ids))

    def wrap(self, texts):
        prompts = [f"{t} It was {self.tokenizer.mask_token}." for t in texts]
        return self.tokenizer(prompts, padding=True, truncation=True, return_tensors="pt")

    def forward(self, inputs):
        logits = self.plm(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"]).logits
        mask_pos = inputs["input_ids"] == self.tokenizer.mask_token_id
        return logits[mask_pos][:, self.verbalizer_ids]


def evaluate(model, texts, labels, batch_size, use_cuda):
    correct = 0
    model.eval()
    with torch.no_grad():
        for i in range(0, len(texts), batch_size):
            inputs = model.wrap(texts[i:i + batch_size])
            if use_cuda:
                inputs = {k: v.cuda() for k, v in inputs.items()}
            preds = model(inputs).argmax(-1).cpu()
            correct += (preds == torch.tensor(labels[i:i + batch_size])).sum().item()
    return correct / len(texts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--plm", default="roberta-base")
    parser.add_argument("--gpu", type=int, default=2)
    args = parser.parse_args()

    use_cuda = torch.cuda.is_available()
    model = PromptClassifier(args.plm, ["Ġterrible", "Ġgreat"])
    if use_cuda:
        model = model.cuda(args.gpu)
    texts = ["Albert Einstein was one of the greatest intellects of his time.",
             "The film was badly made and the plot made no sense."]
    print("accuracy:", evaluate(model, texts, [1, 0], batch_size=16, use_cuda=use_cuda))
