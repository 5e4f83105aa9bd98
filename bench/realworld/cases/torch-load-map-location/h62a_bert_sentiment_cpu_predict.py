# source: https://github.com/huggingface/transformers/issues/259
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 22
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import os
import sys

import torch
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

LABELS = ["negative", "neutral", "positive"]


def load_finetuned(model_dir):
    """Loads weights that were saved with torch.save(model.state_dict()) on the training GPU box."""
    config = BertConfig.from_pretrained(model_dir, num_labels=len(LABELS))
    model = BertForSequenceClassification(config)
    weights_path = os.path.join(model_dir, "finetuned_weights.pt")
    state_dict = torch.load(weights_path)
    model.load_state_dict(state_dict)
    return model


class SentimentPredictor:
    def __init__(self, model_dir):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = BertTokenizer.from_pretrained(model_dir)
        self.model = load_finetuned(model_dir).to(self.device).eval()

    @torch.no_grad()
    def predict(self, texts):
        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
        enc = {k: v.to(self.device) for k, v in enc.items()}
        probs = self.model(**enc).logits.softmax(-1).cpu()
        return [(LABELS[p.argmax().item()], round(p.max().item(), 3)) for p in probs]


if __name__ == "__main__":
    predictor = SentimentPredictor(sys.argv[1] if len(sys.argv) > 1 else "checkpoints/bert-sentiment")
    for text, pred in zip(["Great service, will come back!", "The room was dirty."],
                          predictor.predict(["Great service, will come back!", "The room was dirty."])):
        print(text, "->", pred)
