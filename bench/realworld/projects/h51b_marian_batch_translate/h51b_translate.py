# source: https://github.com/huggingface/transformers/issues/5111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict, loader-loop
# bug-lines: 27, 42
# needs: transformers, torch
# cpu: no written where torch was not installed; not run
"""Batch-translate a text file with a Helsinki-NLP Marian model on the GPU."""
import argparse

import torch
from transformers import MarianMTModel, MarianTokenizer

from h51b_data import make_batches, read_sentences


def load_model(model_name):
    tokenizer = MarianTokenizer.from_pretrained(model_name)
    model = MarianMTModel.from_pretrained(model_name)
    if torch.cuda.is_available():
        model = model.cuda()
    return tokenizer, model.eval()


@torch.no_grad()
def translate_batch(model, tokenizer, batch, num_beams=4):
    generated = model.generate(**batch, num_beams=num_beams, max_new_tokens=256, early_stopping=True)
    return tokenizer.batch_decode(generated, skip_special_tokens=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="Helsinki-NLP/opus-mt-fr-en")
    parser.add_argument("--src", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    tokenizer, model = load_model(args.model)
    with open(args.out, "w", encoding="utf-8") as fout:
        for texts, batch in make_batches(tokenizer, read_sentences(args.src), args.batch_size):
            for hyp in translate_batch(model, tokenizer, batch):
                fout.write(hyp + "\n")


if __name__ == "__main__":
    main()
