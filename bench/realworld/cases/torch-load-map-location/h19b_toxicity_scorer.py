# source: https://github.com/unitaryai/detoxify/pull/54
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 21
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

CHECKPOINT_URLS = {
    "original": "https://example-models.s3.amazonaws.com/toxic_original-c1212f89.ckpt",
    "multilingual": "https://example-models.s3.amazonaws.com/multilingual_debiased-0b549669.ckpt",
}


def load_weights(model_type="original", checkpoint=None, device="cpu"):
    if checkpoint is None:
        loaded = torch.hub.load_state_dict_from_url(CHECKPOINT_URLS[model_type], map_location=device)
    else:
        loaded = torch.load(checkpoint)
        if "config" not in loaded or "state_dict" not in loaded:
            raise ValueError("checkpoint must contain 'config' and 'state_dict'")
    return loaded


def build_model(loaded):
    arch = loaded["config"]["arch"]
    class_names = loaded["config"]["class_names"]
    config = AutoConfig.from_pretrained(arch, num_labels=len(class_names))
    model = AutoModelForSequenceClassification.from_config(config)
    state = {k.replace("model.", "", 1): v for k, v in loaded["state_dict"].items()}
    model.load_state_dict(state, strict=False)
    return model, AutoTokenizer.from_pretrained(arch), class_names


class ToxicityScorer:
    def __init__(self, model_type="original", checkpoint=None, device="cpu"):
        self.device = device
        loaded = load_weights(model_type, checkpoint, device)
        self.model, self.tokenizer, self.class_names = build_model(loaded)
        self.model.to(self.device).eval()

    @torch.no_grad()
    def predict(self, texts):
        single = isinstance(texts, str)
        enc = self.tokenizer([texts] if single else texts, return_tensors="pt", truncation=True, padding=True)
        scores = torch.sigmoid(self.model(**enc.to(self.device)).logits).cpu()
        out = {name: scores[:, i].tolist() for i, name in enumerate(self.class_names)}
        return {k: v[0] for k, v in out.items()} if single else out


if __name__ == "__main__":
    # comment-moderation worker running on a CPU-only container; checkpoint fine-tuned on a GPU box
    scorer = ToxicityScorer(checkpoint="/models/toxic_finetuned_gpu.ckpt", device="cpu")
    for comment in ["thanks for the review!", "you are an idiot"]:
        print(comment, scorer.predict(comment))
