import numpy as np
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, BertForTokenClassification, GPT2LMHeadModel


def collate(examples):
    features = torch.tensor(np.stack([ex["audio"] for ex in examples]))
    # int32 class ids: the model's own CrossEntropyLoss wants int64.
    labels = torch.from_numpy(np.array([ex["label"] for ex in examples], dtype=np.int32))  # expect: TL104:14 lines=24
    return {"input_values": features, "labels": labels}


def fine_tune(examples, device):
    # labels= reaches the head's loss through **batch.
    model = AutoModelForSequenceClassification.from_pretrained("facebook/wav2vec2-base", num_labels=6)
    model.to(device)
    loader = DataLoader(examples, batch_size=8, collate_fn=collate)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    model.train()
    for batch in loader:
        # Each entry moved as it is: the labels stay int32.
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


def tag_step(input_ids, tags):
    model = BertForTokenClassification.from_pretrained("bert-base-cased", num_labels=9)
    # Token tags narrowed to int32: the head's cross-entropy refuses them.
    labels = torch.tensor(tags, dtype=torch.int32)  # expect: TL104:14 lines=34
    return model(input_ids, labels=labels).loss


def lm_step(model_config, input_ids):
    model = GPT2LMHeadModel(model_config)
    # The ids cast to int32 as labels: the shifted cross-entropy refuses them.
    labels = input_ids.int()  # expect: TL104:14 lines=41
    return model(input_ids=input_ids, labels=labels).loss
