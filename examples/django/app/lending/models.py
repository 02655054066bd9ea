from django.db import models


class Member(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class Loan(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="loans")
    book = models.ForeignKey("library.Book", on_delete=models.CASCADE, related_name="loans")
    lent_on = models.DateField()
    returned = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Loan #{self.pk}: {self.book} to {self.member}"
