# source: https://github.com/huggingface/notebooks/issues/486
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 26, 45
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy, transformers
import numpy as np
import torch
from torch.utils.data import DataLoader
from transformers import Wav2Vec2Config, Wav2Vec2ForSequenceClassification

labels_names = ["down", "go", "left", "no", "off", "on"]
label2id = {name: i for i, name in enumerate(labels_names)}


def make_examples(n=8, sr=1600):
    rng = np.random.default_rng(0)
    return [{"audio": rng.standard_normal(sr).astype(np.float32),
             "label": label2id[labels_names[i % len(labels_names)]]} for i in range(n)]


def collate_fn(examples):
    input_values = torch.tensor(np.stack([ex["audio"] for ex in examples]))
    # np.array of python ints: int32 on Windows, spelled out here
    labels = torch.from_numpy(np.array([ex["label"] for ex in examples], dtype=np.int32))
    return {"input_values": input_values, "labels": labels}


def build_model():
    config = Wav2Vec2Config(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                            conv_dim=(16, 16), conv_stride=(5, 4), conv_kernel=(10, 4),
                            num_conv_pos_embeddings=16, num_conv_pos_embedding_groups=2,
                            num_labels=len(labels_names), label2id=label2id,
                            id2label={i: n for n, i in label2id.items()})
    return Wav2Vec2ForSequenceClassification(config)


def train(model, loader, device, epochs=1):
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    model.train()
    for _ in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            outputs = model(**batch)
            outputs.loss.backward()
            optimizer.step()
            optimizer.zero_grad()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = build_model().to(device)
    loader = DataLoader(make_examples(), batch_size=4, collate_fn=collate_fn)
    train(model, loader, device)
