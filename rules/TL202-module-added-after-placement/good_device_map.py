import torch
from torch import nn
from transformers import AutoModelForCausalLM


def load_with_value_head(path):
    model = AutoModelForCausalLM.from_pretrained(path, device_map="cuda:0")
    model.value_head = nn.Linear(model.config.hidden_size, 1, device=model.device)
    return model


def load_spread(path):
    # "auto" may spread the model over GPUs and the CPU: where the new head belongs
    # is not one device, and accelerate's hooks move inputs between them.
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto")
    model.value_head = nn.Linear(model.config.hidden_size, 1)
    return model


def load_on_cpu(path):
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float32, device_map={"": "cpu"})
    model.value_head = nn.Linear(model.config.hidden_size, 1)
    return model
