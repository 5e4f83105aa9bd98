# A model output's `.logits` is on the device the model runs on.
import numpy as np
import torch
from transformers import AutoModelForTokenClassification

device = "cuda" if torch.cuda.is_available() else "cpu"
tagger = AutoModelForTokenClassification.from_pretrained("dslim/bert-base-NER").to(device)
token_ids = torch.tensor([[101, 7592, 2088, 102]]).to(device)
result = tagger(token_ids)
scores = torch.softmax(result.logits, dim=-1)
print(np.argmax(scores.numpy(), axis=-1))  # expect: TL501:17
