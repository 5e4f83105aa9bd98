# source: https://github.com/thunlp/OpenPrompt/issues/160
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: current-gpu-mismatch
# shape: helper, loader-loop, batch-dict
# looks-like: current-gpu-mismatch
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForMaskedLM, AutoTokenizer

TEMPLATE = "{sentence} It was {mask}."
LABEL_WORDS = {0: "terrible", 1: "great"}


def build_batches(tokenizer, sentences, batch_size=16):
    texts = [TEMPLATE.format(sentence=s, mask=tokenizer.mask_token) for s in sentences]

    def collate(chunk):
        return tokenizer(chunk, padding=True, truncation=True, max_length=128, return_tensors="pt")

    return DataLoader(texts, batch_size=batch_size, collate_fn=collate)


@torch.no_grad()
def predict(prompt_model, tokenizer, loader):
    word_ids = torch.tensor([tokenizer.convert_tokens_to_ids(LABEL_WORDS[k]) for k in sorted(LABEL_WORDS)]).cuda()
    preds = []
    for inputs in loader:
        inputs = {k: v.cuda() for k, v in inputs.items()}
        logits = prompt_model(**inputs).logits
        mask_pos = inputs["input_ids"] == tokenizer.mask_token_id
        label_logits = logits[mask_pos][:, word_ids]
        preds.extend(label_logits.argmax(dim=-1).tolist())
    return preds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=2)
    parser.add_argument("--model", default="roberta-large")
    args = parser.parse_args()

    torch.cuda.set_device(args.gpu)
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    prompt_model = AutoModelForMaskedLM.from_pretrained(args.model).cuda()
    prompt_model.eval()

    sentences = ["Albert Einstein was one of the greatest intellects of his time.",
                 "The film was badly made and far too long."]
    loader = build_batches(tokenizer, sentences)
    print(predict(prompt_model, tokenizer, loader))


if __name__ == "__main__":
    main()
