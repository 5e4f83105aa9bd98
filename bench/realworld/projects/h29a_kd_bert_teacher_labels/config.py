# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_nll_loss_forward)
# pattern: inputs-not-moved
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Shared settings for BERT -> BiLSTM distillation on a news-title dataset."""
import torch


class Config:
    def __init__(self, data_dir="data/THUCNews"):
        self.train_path = f"{data_dir}/train.txt"
        self.dev_path = f"{data_dir}/dev.txt"
        self.class_list = [x.strip() for x in open(f"{data_dir}/class.txt", encoding="utf-8")]
        self.num_classes = len(self.class_list)
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

        self.bert_path = "bert-base-chinese"
        self.pad_size = 32
        self.batch_size = 64
        self.teacher_epochs = 3
        self.teacher_lr = 5e-5
        self.teacher_save_path = "saved/teacher.ckpt"

        self.embed_dim = 300
        self.hidden_size = 256
        self.student_epochs = 10
        self.student_lr = 1e-3
        self.alpha = 0.5
        self.temperature = 4.0
